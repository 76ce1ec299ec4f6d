'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { alertListKey, createAlertListStore, type AlertListEntry } from './list-store';
import type { AlertPage } from './queries';
import { alertFiltersToQuery } from './rules';
import type { AlertFilters } from './schemas';

/** How often the open list re-reads itself. */
export const ALERT_LIST_REFETCH_INTERVAL = 30_000;

/** Where the list re-reads a page: app/api/alerts/route.ts (the page's query, under the user's RLS). */
export const ALERT_LIST_API = '/api/alerts';

async function fetchAlertPageFromServer(filters: AlertFilters, signal: AbortSignal): Promise<AlertPage> {
  const response = await fetch(`${ALERT_LIST_API}${alertFiltersToQuery(filters)}`, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (!response.ok) throw new Error(`alert list: HTTP ${response.status}`);
  return (await response.json()) as AlertPage;
}

/** The browser's alert list cache (lib/alerts/list-store.ts), shared by the list and the detail page. */
export const alertListStore = createAlertListStore(fetchAlertPageFromServer);

const visible = () => document.visibilityState !== 'hidden';

/**
 * The alert list, live: starts from the page the server rendered, then re-reads it every 30 s
 * through the console's server (same query, same RLS, no Supabase client in the browser) — only
 * while the tab is visible — and when the tab comes back or the network does, if it is stale.
 */
export function useAlertList(filters: AlertFilters, initialPage: AlertPage, fetchedAt: number) {
  const key = alertListKey(filters);
  const serverEntry: AlertListEntry = { page: initialPage, updatedAt: fetchedAt, invalidatedAt: 0, fetching: false, error: false };
  const entry =
    useSyncExternalStore(
      alertListStore.subscribe,
      () => alertListStore.get(key),
      () => undefined,
    ) ?? serverEntry;

  useEffect(() => {
    if (alertListStore.mount(key, filters, initialPage, fetchedAt)) void alertListStore.refetch(key, filters);
    const interval = setInterval(() => {
      if (visible()) void alertListStore.refetch(key, filters);
    }, ALERT_LIST_REFETCH_INTERVAL);
    const onReturn = () => {
      if (visible()) alertListStore.refetchIfStale(key, filters);
    };
    document.addEventListener('visibilitychange', onReturn);
    window.addEventListener('online', onReturn);
    return () => {
      clearInterval(interval);
      document.removeEventListener('visibilitychange', onReturn);
      window.removeEventListener('online', onReturn);
      alertListStore.unmount(key);
    };
    // The key stands for the filters; the initial page only seeds the cache on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { data: entry.page, dataUpdatedAt: entry.updatedAt, isFetching: entry.fetching, isError: entry.error };
}
