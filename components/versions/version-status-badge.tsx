import { Pill, type PillTone } from '@/components/ui/pill';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import type { ComponentStatus } from '@/lib/versions/schemas';

const tones: Record<ComponentStatus, PillTone> = { OK: 'emerald', DRIFT: 'red', STALE: 'amber', UNKNOWN: 'slate' };

export function VersionStatusBadge({ status, dict }: { status: ComponentStatus; dict: Dictionary }) {
  return (
    <Pill tone={tones[status]} data-status={status}>
      {dict.versions.status[status]}
    </Pill>
  );
}
