import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DatabaseError } from '@/lib/actions/postgrest-error';
import type { Database } from '@/lib/supabase/database.types';

/** A depot the user sees (RLS: head office sees them all, a depot's people their own). */
export type DepotOption = { id: string; code: string; name: string };

/** The depots the user sees, by code: the depot filters' choices. */
export async function fetchDepots(supabase: SupabaseClient<Database>): Promise<DepotOption[]> {
  const { data, error, status } = await supabase.from('depots').select('id, code, nom').order('code');
  if (error) throw new DatabaseError('depots', error, status);
  return data.map((depot) => ({ id: depot.id, code: depot.code, name: depot.nom }));
}
