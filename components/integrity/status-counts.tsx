import { CircleCheck, CircleDot, Eye, type LucideIcon } from 'lucide-react';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber } from '@/lib/i18n/format';
import { ALERT_STATUSES, type AlertStatus } from '@/lib/alerts/vocabulary';
import type { GovernanceOverview } from '@/lib/integrity/schemas';
import { alertListPath } from '@/lib/routes';
import { CountTile, type TileTone } from './count-tile';

const look: Record<AlertStatus, { icon: LucideIcon; tone: TileTone }> = {
  OPEN: { icon: CircleDot, tone: 'red' },
  ACK: { icon: Eye, tone: 'amber' },
  RESOLVED: { icon: CircleCheck, tone: 'emerald' },
};

/** Every alert by workflow status (open, acknowledged, resolved), each opening the alert list. */
export function StatusCounts({
  counts,
  depot,
  dict,
  locale,
}: {
  counts: GovernanceOverview['byStatus'];
  /** The depot the overview shows (its links keep it); undefined: every depot. */
  depot?: string | undefined;
  dict: Dictionary;
  locale: Locale;
}) {
  return (
    <Card title={dict.integrity.byStatus} titleId="integrity-status-title">
      <ul className="grid gap-3 sm:grid-cols-3">
        {ALERT_STATUSES.map((status) => (
          <li key={status}>
            <CountTile
              href={alertListPath({ status, depot })}
              label={dict.status[status]}
              value={formatNumber(counts[status], locale)}
              hint={dict.integrity.seeAlerts}
              icon={look[status].icon}
              tone={look[status].tone}
              testId={`integrity-status-${status}`}
            />
          </li>
        ))}
      </ul>
    </Card>
  );
}
