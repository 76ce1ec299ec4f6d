'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createClient } from '@/lib/supabase/client';
import { alertKeys } from './query-keys';
import { fetchAlertPage, type AlertPage } from './queries';
import type { AlertFilters } from './schemas';

/** How long a fetched page counts as fresh, and how often the open list re-reads itself. */
export const ALERT_LIST_STALE_TIME = 15_000;
export const ALERT_LIST_REFETCH_INTERVAL = 30_000;

/**
 * The alert list, live: starts from the page the server rendered, then re-reads it every 30 s
 * with the browser client (same query, same RLS) — only while the tab is visible.
 */
export function useAlertList(filters: AlertFilters, initialPage: AlertPage, fetchedAt: number) {
  return useQuery({
    queryKey: alertKeys.list(filters),
    queryFn: () => fetchAlertPage(createClient(), filters),
    initialData: initialPage,
    initialDataUpdatedAt: fetchedAt,
    staleTime: ALERT_LIST_STALE_TIME,
    refetchInterval: ALERT_LIST_REFETCH_INTERVAL,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    placeholderData: keepPreviousData,
  });
}
