import { connection } from 'next/server';
import { checkSupabaseApi } from '@/lib/health/supabase-api';
import type { Dictionary } from '@/lib/i18n/dictionaries';

const tones = {
  reachable: { dot: 'bg-emerald-600', tone: 'text-emerald-800' },
  unreachable: { dot: 'bg-red-600', tone: 'text-red-800' },
} as const;

/** Server Component: probes the Supabase API while rendering and shows the result. */
export async function ApiStatus({ dict }: { dict: Dictionary }) {
  // Probe at request time, never at build time.
  await connection();
  const status = await checkSupabaseApi();
  const text = status === 'reachable' ? dict.health.reachable : dict.health.unreachable;
  const detail = status === 'reachable' ? dict.health.reachableDetail : dict.health.unreachableDetail;

  return (
    <div className="flex items-start gap-3" data-status={status}>
      <span aria-hidden="true" className={`mt-1.5 inline-block size-2.5 shrink-0 rounded-full ${tones[status].dot}`} />
      <p className="text-sm">
        <span className={`font-semibold ${tones[status].tone}`} data-testid="api-status">
          {text}
        </span>
        <span className="text-slate-700"> — {detail}</span>
      </p>
    </div>
  );
}

export function ApiStatusSkeleton({ dict }: { dict: Dictionary }) {
  return (
    <div className="flex items-start gap-3" aria-busy="true">
      <span aria-hidden="true" className="mt-1.5 inline-block size-2.5 shrink-0 rounded-full bg-slate-400" />
      <p className="text-sm text-slate-700">{dict.health.checking}</p>
    </div>
  );
}
