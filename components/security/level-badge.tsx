import { Pill, type PillTone } from '@/components/ui/pill';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import type { FindingLevel } from '@/lib/security/schemas';

// Same colours as the severities they become (ERROR → CRITICAL, WARN → WARN, INFO → INFO).
const tones: Record<FindingLevel, PillTone> = { ERROR: 'red', WARN: 'amber', INFO: 'sky' };

export function LevelBadge({ level, dict }: { level: FindingLevel; dict: Dictionary }) {
  return (
    <Pill tone={tones[level]} data-level={level}>
      {dict.security.levels[level]}
    </Pill>
  );
}
