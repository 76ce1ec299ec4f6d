import { connection } from 'next/server';
import { checkSupabaseApi } from '@/lib/health/supabase-api';

const labels = {
  reachable: {
    text: 'API joignable',
    detail: 'Le service Supabase répond.',
    dot: 'bg-emerald-600',
    tone: 'text-emerald-800',
  },
  unreachable: {
    text: 'API injoignable',
    detail: 'Le service Supabase ne répond pas pour le moment.',
    dot: 'bg-red-600',
    tone: 'text-red-800',
  },
} as const;

/** Server Component: probes the Supabase API while rendering and shows the result. */
export async function ApiStatus() {
  // Probe at request time, never at build time.
  await connection();
  const status = await checkSupabaseApi();
  const label = labels[status];

  return (
    <div className="flex items-start gap-3" data-status={status}>
      <span aria-hidden="true" className={`mt-1.5 inline-block size-2.5 shrink-0 rounded-full ${label.dot}`} />
      <p className="text-sm">
        <span className={`font-semibold ${label.tone}`} data-testid="api-status">
          {label.text}
        </span>
        <span className="text-slate-700"> — {label.detail}</span>
      </p>
    </div>
  );
}

export function ApiStatusSkeleton() {
  return (
    <div className="flex items-start gap-3" aria-busy="true">
      <span aria-hidden="true" className="mt-1.5 inline-block size-2.5 shrink-0 rounded-full bg-slate-400" />
      <p className="text-sm text-slate-700">Vérification de l’API…</p>
    </div>
  );
}
