import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alertListKey, ALERT_LIST_STALE_TIME, createAlertListStore, type FetchAlertPage } from './list-store';
import type { AlertPage } from './queries';
import { parseAlertFilters } from './schemas';

const open = parseAlertFilters({ status: 'OPEN' });
const ack = parseAlertFilters({ status: 'ACK' });
const page = (label: string): AlertPage => ({ rows: [], nextCursor: label });

/** A fetch whose answers the test gives, in order. */
function scriptedFetch() {
  const calls: { filters: unknown; signal: AbortSignal; resolve: (p: AlertPage) => void; reject: (e: Error) => void }[] = [];
  const fetchPage: FetchAlertPage = (filters, signal) =>
    new Promise((resolve, reject) => calls.push({ filters, signal, resolve, reject }));
  return { calls, fetchPage };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-25T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('the alert list cache', () => {
  it('starts from the server’s page, fresh, unless it holds a fresher one', () => {
    const store = createAlertListStore(scriptedFetch().fetchPage);
    const key = alertListKey(open);
    expect(store.mount(key, open, page('server'), Date.now())).toBe(false);
    expect(store.get(key)?.page).toEqual(page('server'));
    store.unmount(key);
    expect(store.mount(key, open, page('older'), Date.now() - 1000)).toBe(false);
    expect(store.get(key)?.page).toEqual(page('server'));
    vi.advanceTimersByTime(ALERT_LIST_STALE_TIME + 1);
    expect(store.mount(key, open, page('old'), Date.now() - ALERT_LIST_STALE_TIME - 1)).toBe(true);
  });

  it('re-reads a page, retries once a second later, and keeps the last page when both fail', async () => {
    const { calls, fetchPage } = scriptedFetch();
    const store = createAlertListStore(fetchPage);
    const key = alertListKey(open);
    store.mount(key, open, page('server'), Date.now());

    const first = store.refetch(key, open);
    expect(store.get(key)?.fetching).toBe(true);
    void store.refetch(key, open); // an ongoing read is reused
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(page('fresh'));
    await first;
    expect(store.get(key)).toMatchObject({ page: page('fresh'), fetching: false, error: false });

    const second = store.refetch(key, open);
    calls[1]!.reject(new Error('HTTP 503'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2 + 1);
    calls[2]!.reject(new Error('HTTP 503'));
    await second;
    expect(store.get(key)).toMatchObject({ page: page('fresh'), fetching: false, error: true });
  });

  it('drops the answer of a read cancelled for an optimistic change, and rolls the change back', async () => {
    const { calls, fetchPage } = scriptedFetch();
    const store = createAlertListStore(fetchPage);
    const key = alertListKey(open);
    store.mount(key, open, page('server'), Date.now());
    const read = store.refetch(key, open);
    store.cancelAll();
    expect(calls[0]!.signal.aborted).toBe(true);
    const snapshot = store.snapshot();
    store.setPages(() => page('optimistic'));
    calls[0]!.resolve(page('late'));
    await read;
    expect(store.get(key)?.page).toEqual(page('optimistic'));
    store.setPages((current, k) => snapshot.get(k) ?? current);
    expect(store.get(key)?.page).toEqual(page('server'));
  });

  it('after an action, marks every page stale and re-reads those on screen', async () => {
    const { calls, fetchPage } = scriptedFetch();
    const store = createAlertListStore(fetchPage);
    const onScreen = alertListKey(open);
    const left = alertListKey(ack);
    store.mount(left, ack, page('ack'), Date.now());
    store.unmount(left);
    store.mount(onScreen, open, page('open'), Date.now());

    let done = false;
    const invalidated = store.invalidateAll().then(() => (done = true));
    expect(calls.map((call) => call.filters)).toEqual([open]);
    await Promise.resolve();
    expect(done).toBe(false);
    vi.advanceTimersByTime(1);
    calls[0]!.resolve(page('open, re-read'));
    await invalidated;
    expect(store.get(onScreen)?.page).toEqual(page('open, re-read'));
    // The page no longer on screen is re-read when it comes back, even from a fresh server page.
    expect(store.mount(left, ack, page('ack'), Date.now() - 5)).toBe(true);
  });

  it('forgets a filter set five minutes after it left the screen', () => {
    const store = createAlertListStore(scriptedFetch().fetchPage);
    const key = alertListKey(open);
    store.mount(key, open, page('server'), Date.now());
    store.unmount(key);
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(store.get(key)).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(store.get(key)).toBeUndefined();
  });
});
