import { Repeat } from 'lucide-react';
import { Pill } from '@/components/ui/pill';
import { interpolate } from '@/lib/i18n/format';

/** « Récidive n° N »: the alert's fingerprint had N earlier alerts (occurrence N + 1). */
export function RecurrenceMarker({ occurrence, dict }: { occurrence: number; dict: { alerts: { recurrence: string } } }) {
  return (
    <Pill tone="amberOutline" weight="medium" data-testid="alert-recurrence">
      <Repeat aria-hidden="true" className="size-3.5 shrink-0" />
      {interpolate(dict.alerts.recurrence, { count: occurrence - 1 })}
    </Pill>
  );
}
