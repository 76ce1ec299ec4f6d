'use client';

import { CirclePause } from 'lucide-react';
import { Pill } from '@/components/ui/pill';
import { useI18n } from '@/lib/i18n/client';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { snoozedMarkerMessages } from './messages';

/** « En pause jusqu’au … », in the depot's time. */
export function SnoozedMarker({ until }: { until: string }) {
  const { dict, locale, timeZone } = useI18n(snoozedMarkerMessages);
  return (
    <Pill tone="slate" weight="medium" wrap data-testid="alert-snoozed-marker">
      <CirclePause aria-hidden="true" className="size-3.5 shrink-0" />
      <span>{interpolate(dict.alerts.snoozedPill, { time: formatDateTime(until, locale, timeZone) })}</span>
    </Pill>
  );
}
