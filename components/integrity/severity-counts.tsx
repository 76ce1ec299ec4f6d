import { Info, OctagonAlert, TriangleAlert, type LucideIcon } from 'lucide-react';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber } from '@/lib/i18n/format';
import { SEVERITIES, type Severity } from '@/lib/alerts/vocabulary';
import type { GovernanceOverview } from '@/lib/integrity/schemas';
import { ROUTES } from '@/lib/routes';
import { CountTile, type TileTone } from './count-tile';

const look: Record<Severity, { icon: LucideIcon; tone: TileTone }> = {
  CRITICAL: { icon: OctagonAlert, tone: 'red' },
  WARN: { icon: TriangleAlert, tone: 'amber' },
  INFO: { icon: Info, tone: 'sky' },
};

/** Active (open or acknowledged) alerts by severity, each opening the filtered alert list. */
export function SeverityCounts({
  counts,
  dict,
  locale,
}: {
  counts: GovernanceOverview['activeBySeverity'];
  dict: Dictionary;
  locale: Locale;
}) {
  return (
    <Card title={dict.integrity.activeBySeverity} titleId="integrity-severity-title">
      <ul className="grid gap-3 sm:grid-cols-3">
        {SEVERITIES.map((severity) => (
          <li key={severity}>
            <CountTile
              href={`${ROUTES.alerts}?severity=${severity}&status=active`}
              label={dict.severity[severity]}
              value={formatNumber(counts[severity], locale)}
              hint={dict.integrity.seeAlerts}
              icon={look[severity].icon}
              tone={look[severity].tone}
              testId={`integrity-severity-${severity}`}
            />
          </li>
        ))}
      </ul>
    </Card>
  );
}
