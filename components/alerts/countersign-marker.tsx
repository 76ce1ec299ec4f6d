'use client';

import { ShieldEllipsis } from 'lucide-react';
import { Pill } from '@/components/ui/pill';
import { useI18n } from '@/lib/i18n/client';
import { countersignMarkerMessages } from './messages';

/** « En attente de contre-signature »: a resolution asked, not yet countersigned — still open. */
export function CountersignMarker() {
  const { dict } = useI18n(countersignMarkerMessages);
  return (
    <Pill tone="amber" weight="medium" wrap data-testid="alert-countersign-marker">
      <ShieldEllipsis aria-hidden="true" className="size-3.5 shrink-0" />
      <span>{dict.alerts.awaitingCountersign}</span>
    </Pill>
  );
}
