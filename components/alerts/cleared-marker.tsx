'use client';

import { CircleCheck } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { Pill } from '@/components/ui/pill';
import { useI18n } from '@/lib/i18n/client';
import { formatRelative } from '@/lib/i18n/date-words';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { clearedMarkerMessages } from './messages';

// A minute clock for the marker's title; the server (and hydration) use the exact time instead.
function subscribe(notify: () => void) {
  const timer = setInterval(notify, 60_000);
  return () => clearInterval(timer);
}

/** « Condition levée », with when it cleared (relative, then exact) on hover and for screen readers. */
export function ClearedMarker({ at, compact = false }: { at: string; compact?: boolean }) {
  const { dict, locale, timeZone } = useI18n(clearedMarkerMessages);
  const now = useSyncExternalStore(
    subscribe,
    () => Math.floor(Date.now() / 60_000),
    () => null,
  );
  const exact = formatDateTime(at, locale, timeZone);
  const when = now === null ? exact : `${formatRelative(at, new Date(now * 60_000), locale)} (${exact})`;
  const title = interpolate(dict.alerts.clearedAt, { time: when });
  return (
    <Pill tone="emerald" weight="medium" title={title} data-testid="alert-cleared-marker">
      <CircleCheck aria-hidden="true" className="size-3.5" />
      {compact ? <span className="sr-only">{title}</span> : <span>{dict.alerts.cleared}</span>}
      {compact ? null : <span className="sr-only"> — {when}</span>}
    </Pill>
  );
}
