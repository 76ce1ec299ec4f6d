import 'server-only';
import { createClient } from '@/lib/supabase/server';
import { syncHealthSchema, type SyncHealth } from './schemas';

/**
 * The sync's health for the governance layout's banner: one small read (`sync_health()`: a row of
 * settings and two index lookups) through the viewer's session, on every governance page.
 *
 * Never throws: the banner must not take the page down with it. A read that fails is logged (the
 * page's own queries then show their error state); a viewer who is no governance reader (42501)
 * is the layout's 403, not an error.
 */
export async function getSyncHealth(): Promise<SyncHealth | null> {
  try {
    const supabase = await createClient();
    const { data, error } = await supabase.rpc('sync_health');
    if (error) {
      if (error.code !== '42501') console.error(JSON.stringify({ level: 'error', event: 'sync_health_failed', code: error.code }));
      return null;
    }
    const parsed = syncHealthSchema.safeParse(data);
    if (!parsed.success) {
      console.error(JSON.stringify({ level: 'error', event: 'sync_health_failed', code: 'unexpected_shape' }));
      return null;
    }
    return parsed.data;
  } catch (error) {
    console.error(
      JSON.stringify({ level: 'error', event: 'sync_health_failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return null;
  }
}
