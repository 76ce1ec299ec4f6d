import 'server-only';
import { cache } from 'react';
import { z } from 'zod';
import { createClient } from '@/lib/supabase/server';
import { fetchAlert } from './queries';

const alertId = z.uuid();

/**
 * One alert for the detail route, read once per request (the layout that decides "not found",
 * the metadata and the page share it). A malformed id is simply not found.
 */
export const getAlert = cache(async (id: string) => {
  if (!alertId.safeParse(id).success) return null;
  return fetchAlert(await createClient(), id);
});
