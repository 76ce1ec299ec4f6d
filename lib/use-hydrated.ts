'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while the server's HTML is on screen (and during hydration), true once React handles the
 * page's events. Marks interactive regions (`data-interactive`) so browser tests act only when a
 * click can no longer be lost to hydration.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
