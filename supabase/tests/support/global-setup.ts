/**
 * Once for the whole database suite: a write limit no test reaches by accident. Each user may make
 * governance_settings.api_writes_per_minute writes a minute (60 by default) and the suite, as the
 * same few demo users, makes more than that; the tests of the limit itself narrow it for a moment
 * (support/settings.ts). The previous value is put back at the end.
 */
import pg from 'pg';
import { databaseUrl } from './env';

export async function setup(): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ value: number }>(
    'select api_writes_per_minute as value from public.governance_settings where id',
  );
  await client.query('update public.governance_settings set api_writes_per_minute = 100000 where id');
  await client.end();
  return async () => {
    const restore = new pg.Client({ connectionString: databaseUrl });
    await restore.connect();
    await restore.query('update public.governance_settings set api_writes_per_minute = $1 where id', [rows[0]!.value]);
    await restore.end();
  };
}
