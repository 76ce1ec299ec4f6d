import 'server-only';
import { cache } from 'react';
import { createClient } from '@/lib/supabase/server';
import { DEFAULT_DEPOT_TIME_ZONE, isKnownTimeZone } from './format';

/**
 * The depot's time zone (governance_settings.depot_time_zone), read once per request through the
 * viewer's own session: the zone every page, export and filter shows and reads days in, the same
 * the database writes its messages in. Whoever may not read the settings (signed out, no
 * governance role) or a database that does not answer gets the default — a page is never refused
 * for want of a clock.
 */
export const getDepotTimeZone = cache(async (): Promise<string> => {
  try {
    const supabase = await createClient();
    const { data } = await supabase.from('governance_settings').select('depot_time_zone').maybeSingle();
    const zone = data?.depot_time_zone;
    return zone && isKnownTimeZone(zone) ? zone : DEFAULT_DEPOT_TIME_ZONE;
  } catch {
    return DEFAULT_DEPOT_TIME_ZONE;
  }
});
