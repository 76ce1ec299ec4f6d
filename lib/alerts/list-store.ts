import type { AlertPage } from './queries';
import { alertKeys } from './query-keys';
import type { AlertFilters } from './schemas';

/**
 * The browser's cache of alert list pages, one entry per filter set (keyed by `alertKeys.list`):
 * what the live list shows, what an optimistic acknowledgement rewrites and rolls back, what an
 * action invalidates. The few things the list needs from a query library — freshness, re-reads
 * of the pages on screen, one retry, cancellation — in a module-level store, so the alert pages
 * need no provider and the detail page can invalidate the list the user will come back to.
 *
 * IMPORTANT: browser state. Server rendering only reads what a component passes in (see
 * useAlertList's server snapshot); nothing here is written outside effects and event handlers.
 */
export type AlertListEntry = {
  page: AlertPage;
  /** When `page` was read (or last rewritten). */
  updatedAt: number;
  /** Set by invalidate(): the entry is stale whatever its age until read again after that. */
  invalidatedAt: number;
  fetching: boolean;
  /** The last read failed (after its retry); the previous page is still shown. */
  error: boolean;
};

export type FetchAlertPage = (filters: AlertFilters, signal: AbortSignal) => Promise<AlertPage>;

/** How long a fetched page counts as fresh. */
export const ALERT_LIST_STALE_TIME = 15_000;
const RETRY_DELAY = 1_000;
/** How long the page of a filter set no longer on screen is kept. */
const FORGET_AFTER = 5 * 60_000;

export function alertListKey(filters: AlertFilters): string {
  return JSON.stringify(alertKeys.list(filters));
}

export function createAlertListStore(fetchPage: FetchAlertPage, now: () => number = Date.now) {
  const entries = new Map<string, AlertListEntry>();
  const controllers = new Map<string, AbortController>();
  /** Filter sets on screen, with how many components show each. */
  const mounted = new Map<string, { filters: AlertFilters; count: number }>();
  const forgetTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const listeners = new Set<() => void>();

  const emit = () => {
    for (const listener of listeners) listener();
  };
  const patch = (key: string, change: Partial<AlertListEntry>) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.set(key, { ...entry, ...change });
    emit();
  };

  function isStale(entry: AlertListEntry): boolean {
    return entry.invalidatedAt >= entry.updatedAt || now() - entry.updatedAt > ALERT_LIST_STALE_TIME;
  }

  /** Reads the page again (one retry after a second). An ongoing read is reused unless `restart`. */
  async function refetch(key: string, filters: AlertFilters, { restart = false } = {}): Promise<void> {
    const entry = entries.get(key);
    if (!entry) return;
    if (entry.fetching && !restart) return;
    controllers.get(key)?.abort();
    const controller = new AbortController();
    controllers.set(key, controller);
    patch(key, { fetching: true });
    for (let attempt = 0; ; attempt++) {
      try {
        const page = await fetchPage(filters, controller.signal);
        if (controller.signal.aborted) return;
        controllers.delete(key);
        patch(key, { page, updatedAt: now(), fetching: false, error: false });
        return;
      } catch {
        if (controller.signal.aborted) return;
        if (attempt >= 1) {
          controllers.delete(key);
          patch(key, { fetching: false, error: true });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY));
        if (controller.signal.aborted) return;
      }
    }
  }

  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    get(key: string): AlertListEntry | undefined {
      return entries.get(key);
    },

    /**
     * A list component appears with the page the server rendered: it becomes the entry unless the
     * cache holds a fresher one. Returns whether the entry is stale (the caller then re-reads it).
     */
    mount(key: string, filters: AlertFilters, initialPage: AlertPage, fetchedAt: number): boolean {
      clearTimeout(forgetTimers.get(key));
      forgetTimers.delete(key);
      const seen = mounted.get(key);
      mounted.set(key, { filters, count: (seen?.count ?? 0) + 1 });
      const entry = entries.get(key);
      if (!entry || (!entry.fetching && entry.updatedAt < fetchedAt)) {
        entries.set(key, {
          page: initialPage,
          updatedAt: fetchedAt,
          invalidatedAt: entry?.invalidatedAt ?? 0,
          fetching: false,
          error: false,
        });
        emit();
      }
      return isStale(entries.get(key)!);
    },

    unmount(key: string): void {
      const seen = mounted.get(key);
      if (!seen) return;
      if (seen.count > 1) {
        mounted.set(key, { ...seen, count: seen.count - 1 });
        return;
      }
      mounted.delete(key);
      forgetTimers.set(
        key,
        setTimeout(() => {
          forgetTimers.delete(key);
          if (mounted.has(key)) return;
          controllers.get(key)?.abort();
          controllers.delete(key);
          entries.delete(key);
        }, FORGET_AFTER),
      );
    },

    refetch,

    /** Re-reads the entry if it is stale (focus, reconnection, mount). */
    refetchIfStale(key: string, filters: AlertFilters): void {
      const entry = entries.get(key);
      if (entry && isStale(entry)) void refetch(key, filters);
    },

    /** Stops every ongoing read; their answers are dropped (an optimistic change is coming). */
    cancelAll(): void {
      for (const [key, controller] of controllers) {
        controller.abort();
        patch(key, { fetching: false });
      }
      controllers.clear();
    },

    /** Every cached page, for a rollback. */
    snapshot(): Map<string, AlertPage> {
      return new Map([...entries].map(([key, entry]) => [key, entry.page]));
    },

    /** Rewrites every cached page (an optimistic change, or its rollback). */
    setPages(update: (page: AlertPage, key: string) => AlertPage): void {
      const at = now();
      for (const [key, entry] of entries) {
        const page = update(entry.page, key);
        if (page !== entry.page) entries.set(key, { ...entry, page, updatedAt: at });
      }
      emit();
    },

    /** After an action: every page is stale; those on screen are read again (awaited). */
    invalidateAll(): Promise<void> {
      const at = now();
      for (const [key, entry] of entries) entries.set(key, { ...entry, invalidatedAt: at });
      emit();
      return Promise.all([...mounted].map(([key, { filters }]) => refetch(key, filters, { restart: true }))).then(() => undefined);
    },
  };
}

export type AlertListStore = ReturnType<typeof createAlertListStore>;
