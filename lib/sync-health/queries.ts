import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { createClient } from '@/lib/supabase/server';
import { syncHealthSchema, type SyncHealth } from './schemas';

/**
 * The sync's health for the governance layout's banner: one small read (`sync_health()`: a row of
 * settings and two index lookups) through the viewer's session, on every governance page.
 *
 * A failed read does not throw (the banner must not take the page down with it): it is logged, and
 * the page's own queries show their error state; a viewer who is no governance reader (42501) is
 * the layout's 403, not an error. Only what Next throws to render the page dynamically goes through.
 */
export async function getSyncHealth(): Promise<SyncHealth | null> {
  // Outside the try: reading the cookies is how Next learns the page is dynamic (it throws to say so).
  const supabase = await createClient();
  try {
    const { data, error } = await supabase.rpc('sync_health');
    if (error) {
      // A network failure has no code: its message says what happened (no data in it).
      if (error.code !== '42501') {
        console.error(
          JSON.stringify({ level: 'error', event: 'sync_health_failed', code: error.code || 'no_answer', message: error.message }),
        );
      }
      return null;
    }
    const parsed = syncHealthSchema.safeParse(data);
    if (!parsed.success) {
      console.error(JSON.stringify({ level: 'error', event: 'sync_health_failed', code: 'unexpected_shape' }));
      return null;
    }
    return parsed.data;
  } catch (error) {
    unstable_rethrow(error);
    console.error(
      JSON.stringify({ level: 'error', event: 'sync_health_failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return null;
  }
}
