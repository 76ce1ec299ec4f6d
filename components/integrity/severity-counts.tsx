import { BellOff, Info, OctagonAlert, ShieldEllipsis, TriangleAlert, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber, plural } from '@/lib/i18n/format';
import { SEVERITIES, type Severity } from '@/lib/alerts/vocabulary';
import type { GovernanceOverview } from '@/lib/integrity/schemas';
import { alertListPath, ROUTES } from '@/lib/routes';
import { CountTile, type TileTone } from './count-tile';

const look: Record<Severity, { icon: LucideIcon; tone: TileTone }> = {
  CRITICAL: { icon: OctagonAlert, tone: 'red' },
  WARN: { icon: TriangleAlert, tone: 'amber' },
  INFO: { icon: Info, tone: 'sky' },
};

/**
 * Active (open or acknowledged) alerts by severity, each opening the filtered alert list; the
 * alerts a running silence keeps quiet are counted apart, below.
 */
export function SeverityCounts({
  counts,
  silencedActive,
  silencesRunning,
  awaitingCountersign,
  depot,
  dict,
  locale,
}: {
  counts: GovernanceOverview['activeBySeverity'];
  silencedActive: number;
  silencesRunning: number;
  /** Resolutions waiting for a second directeur (four-eyes): still active, counted above too. */
  awaitingCountersign: number;
  /** The depot the overview shows (its links keep it); undefined: every depot. */
  depot?: string | undefined;
  dict: Dictionary;
  locale: Locale;
}) {
  return (
    <Card title={dict.integrity.activeBySeverity} titleId="integrity-severity-title">
      <ul className="grid gap-3 sm:grid-cols-3">
        {SEVERITIES.map((severity) => (
          <li key={severity}>
            <CountTile
              href={alertListPath({ severity, status: 'active', depot })}
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
      {silencedActive > 0 || silencesRunning > 0 ? (
        <p className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700" data-testid="integrity-silenced">
          <BellOff aria-hidden="true" className="size-4 shrink-0 text-slate-500" />
          <Link
            href={alertListPath({ silenced: '1', depot })}
            className="font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950"
          >
            {plural(dict.integrity.silencedApart, silencedActive, locale)}
          </Link>
          <Link href={ROUTES.silences} className="text-sky-800 underline underline-offset-2 hover:text-sky-950">
            {plural(dict.integrity.silencesRunning, silencesRunning, locale)}
          </Link>
        </p>
      ) : null}
      {awaitingCountersign > 0 ? (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700" data-testid="integrity-countersign">
          <ShieldEllipsis aria-hidden="true" className="size-4 shrink-0 text-amber-700" />
          <Link
            href={alertListPath({ countersign: '1', depot })}
            className="font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950"
          >
            {plural(dict.integrity.awaitingCountersign, awaitingCountersign, locale)}
          </Link>
        </p>
      ) : null}
    </Card>
  );
}
