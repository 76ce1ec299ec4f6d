'use client';

import { useSyncExternalStore } from 'react';
import { useI18n } from '@/lib/i18n/client';
import { formatRelative } from '@/lib/i18n/date-words';
import { formatDateTime } from '@/lib/i18n/format';

// A clock shared by every RelativeTime on the page, read every 10 s.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const notify of listeners) notify();
  }, 10_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The page's shared clock (ms), ticking every 10 s; null while rendering on the server and hydrating. */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
}

/**
 * « il y a 3 heures », with the exact date and time on hover and for assistive technology.
 * The server renders the exact time (no clock mismatch at hydration); the browser then shows the
 * relative form and keeps it current.
 */
export function RelativeTime({ value }: { value: string }) {
  const { locale, timeZone } = useI18n();
  const exact = formatDateTime(value, locale, timeZone);
  const clock = useNow();
  return (
    <time dateTime={value} title={exact} className="whitespace-nowrap">
      {clock === null ? exact : formatRelative(value, new Date(clock), locale)}
    </time>
  );
}
