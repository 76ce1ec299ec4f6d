'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AlertPage } from './queries';
import { alertKeys } from './query-keys';
import { alertFiltersToQuery } from './rules';
import type { AlertFilters } from './rules';
import { API_ROUTES } from '@/lib/routes';

/** How long a fetched page counts as fresh, and how often the open list re-reads itself. */
export const ALERT_LIST_STALE_TIME = 15_000;
export const ALERT_LIST_REFETCH_INTERVAL = 30_000;

/** One page of the list through the console's server (app/api/alerts): also a group's alerts. */
export async function fetchAlertPageFromServer(filters: AlertFilters, signal: AbortSignal): Promise<AlertPage> {
  // app/api/alerts/route.ts: the page's own query, under the user's RLS.
  const response = await fetch(`${API_ROUTES.alerts}${alertFiltersToQuery(filters)}`, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (!response.ok) throw new Error(`alert list: HTTP ${response.status}`);
  return (await response.json()) as AlertPage;
}

/**
 * The alert list, live: starts from the page the server rendered, then re-reads it every 30 s
 * through the console's server (same query, same RLS, no Supabase client in the browser) — only
 * while the tab is visible.
 */
export function useAlertList(filters: AlertFilters, initialPage: AlertPage, fetchedAt: number, { enabled = true } = {}) {
  return useQuery({
    enabled,
    queryKey: alertKeys.list(filters),
    queryFn: ({ signal }) => fetchAlertPageFromServer(filters, signal),
    initialData: initialPage,
    initialDataUpdatedAt: fetchedAt,
    staleTime: ALERT_LIST_STALE_TIME,
    refetchInterval: ALERT_LIST_REFETCH_INTERVAL,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    placeholderData: keepPreviousData,
  });
}
