import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber } from '@/lib/i18n/format';
import { FINDING_LEVELS, type FindingLevel } from '@/lib/security/schemas';

const tones: Record<FindingLevel, string> = {
  ERROR: 'border-red-200 bg-red-50 text-red-900',
  WARN: 'border-amber-200 bg-amber-50 text-amber-900',
  INFO: 'border-sky-200 bg-sky-50 text-sky-900',
};

/** One tile per level with its count; a zero is shown in neutral grey. */
export function FindingsSummary({ counts, dict, locale }: { counts: Record<FindingLevel, number>; dict: Dictionary; locale: Locale }) {
  return (
    <Card title={dict.security.summary} titleId="security-summary-title">
      <ul className="grid gap-3 sm:grid-cols-3">
        {FINDING_LEVELS.map((level) => (
          <li
            key={level}
            className={`rounded-md border px-4 py-3 ${counts[level] > 0 ? tones[level] : 'border-slate-200 bg-slate-50 text-slate-700'}`}
          >
            <p className="text-sm font-medium">{dict.security.levels[level]}</p>
            <p className="text-3xl font-semibold tabular-nums" data-testid={`security-level-${level}`}>
              {formatNumber(counts[level], locale)}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
