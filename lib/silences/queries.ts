import 'server-only';
import { DatabaseError } from '@/lib/actions/postgrest-error';
import type { createClient } from '@/lib/supabase/server';
import type { SilenceEntityType } from './rules';

type Client = Awaited<ReturnType<typeof createClient>>;

const SILENCE_COLUMNS =
  'id, check_code, entity_type, entity_id, entity_label, starts_at, ends_at, reason, created_by_name, created_at, ended_at, ended_by_name, state, alert_count, active_alert_count';

export type SilenceRow = {
  id: string;
  check_code: string;
  entity_type: string;
  entity_id: string;
  entity_label: string | null;
  starts_at: string;
  ends_at: string;
  reason: string;
  created_by_name: string | null;
  created_at: string;
  ended_at: string | null;
  ended_by_name: string | null;
  state: 'upcoming' | 'running' | 'ended';
  alert_count: number;
  active_alert_count: number;
};

/** How many ended silences the page shows (the ledger keeps them all). */
export const ENDED_SILENCES_SHOWN = 20;

/**
 * The running and upcoming silences (at most 100 exist: create_alert_silence refuses more), by
 * start; the latest ended ones, newest first. `depotId`: one depot's (null: a depot the user does
 * not see — none; undefined: every depot they see).
 */
export async function fetchSilences(supabase: Client, depotId?: string | null): Promise<{ current: SilenceRow[]; ended: SilenceRow[] }> {
  const view = () => {
    const query = supabase.from('v_alert_silences').select(SILENCE_COLUMNS);
    return depotId === undefined ? query : query.eq('depot_id', depotId ?? '00000000-0000-0000-0000-000000000000');
  };
  const [current, ended] = await Promise.all([
    view().neq('state', 'ended').order('starts_at').order('id').limit(100),
    view().eq('state', 'ended').order('ended_at', { ascending: false }).order('id').limit(ENDED_SILENCES_SHOWN),
  ]);
  if (current.error) throw new DatabaseError('silences', current.error, current.status);
  if (ended.error) throw new DatabaseError('ended silences', ended.error, ended.status);
  return { current: (current.data ?? []) as SilenceRow[], ended: (ended.data ?? []) as SilenceRow[] };
}

export type SilenceEntityOption = { value: `${SilenceEntityType}:${string}`; label: string };

/** How many trucks on the road the form offers (the newest); a depot's silence covers them all. */
const TRUCKS_OFFERED = 200;

/** What a silence can cover, for the form: depots, tanks, and the trucks not yet unloaded. */
export async function fetchSilenceEntities(
  supabase: Client,
): Promise<{ depots: SilenceEntityOption[]; tanks: SilenceEntityOption[]; trucks: SilenceEntityOption[] }> {
  const [depots, tanks, trucks] = await Promise.all([
    supabase.from('depots').select('id, code, nom').order('code'),
    supabase.from('citernes').select('id, code, nom, depot:depots!citernes_depot_id_fkey(code)').order('code'),
    supabase
      .from('cours_de_route')
      .select('id, immatriculation, transporteur')
      .neq('statut', 'DECHARGE')
      .order('date_chargement', { ascending: false })
      .limit(TRUCKS_OFFERED),
  ]);
  for (const [what, result] of [
    ['depots', depots],
    ['tanks', tanks],
    ['trucks', trucks],
  ] as const) {
    if (result.error) throw new DatabaseError(`silence ${what}`, result.error, result.status);
  }
  return {
    depots: (depots.data ?? []).map((d) => ({ value: `depot:${d.id}`, label: `${d.code} — ${d.nom}` })),
    tanks: (tanks.data ?? [])
      .map((t) => ({ value: `citerne:${t.id}` as const, label: `${t.depot?.code ?? ''} / ${t.code} — ${t.nom}` }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    trucks: (trucks.data ?? []).map((t) => ({
      value: `cours_de_route:${t.id}`,
      label: t.transporteur ? `${t.immatriculation} — ${t.transporteur}` : t.immatriculation,
    })),
  };
}
