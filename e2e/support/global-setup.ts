import { query, closeDb } from './db';

/**
 * Once for the whole browser suite: a write limit no test reaches by accident (the demo users act
 * many times a minute here); the rate-limit test narrows it for itself. Put back at the end.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const [row] = await query<{ value: number }>('select api_writes_per_minute as value from public.governance_settings where id');
  await query('update public.governance_settings set api_writes_per_minute = 100000 where id');
  await closeDb();
  return async () => {
    await query('update public.governance_settings set api_writes_per_minute = $1 where id', [row!.value]);
    await closeDb();
  };
}
