'use client';

import { BellOff } from 'lucide-react';
import { Pill } from '@/components/ui/pill';
import { useI18n } from '@/lib/i18n/client';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { silencedMarkerMessages } from './messages';

/** « En silence jusqu’au … »: the alert opened during a silence that still runs, in the depot's time. */
export function SilencedMarker({ until }: { until: string }) {
  const { dict, locale, timeZone } = useI18n(silencedMarkerMessages);
  return (
    <Pill tone="slate" weight="medium" wrap data-testid="alert-silenced-marker">
      <BellOff aria-hidden="true" className="size-3.5 shrink-0" />
      <span>{interpolate(dict.alerts.silencedPill, { time: formatDateTime(until, locale, timeZone) })}</span>
    </Pill>
  );
}
