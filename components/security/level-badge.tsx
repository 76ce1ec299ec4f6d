import type { Dictionary } from '@/lib/i18n/dictionaries';
import type { FindingLevel } from '@/lib/security/schemas';

// Same colours as the severities they become (ERROR → CRITICAL, WARN → WARN, INFO → INFO).
const styles: Record<FindingLevel, string> = {
  ERROR: 'bg-red-100 text-red-900 ring-red-300',
  WARN: 'bg-amber-100 text-amber-900 ring-amber-300',
  INFO: 'bg-sky-100 text-sky-900 ring-sky-300',
};

export function LevelBadge({ level, dict }: { level: FindingLevel; dict: Dictionary }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${styles[level]}`}
      data-level={level}
    >
      {dict.security.levels[level]}
    </span>
  );
}
