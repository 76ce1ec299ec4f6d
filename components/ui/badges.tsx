import type { AlertStatus, Severity } from '@/lib/alerts/vocabulary';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { Pill, type PillTone } from './pill';

const severityTones: Record<Severity, PillTone> = { CRITICAL: 'red', WARN: 'amber', INFO: 'sky' };
const statusTones: Record<AlertStatus, PillTone> = { OPEN: 'redOutline', ACK: 'amberOutline', RESOLVED: 'emerald' };

export function SeverityBadge({ severity, dict }: { severity: Severity; dict: Pick<Dictionary, 'severity'> }) {
  return (
    <Pill tone={severityTones[severity]} data-severity={severity}>
      {dict.severity[severity]}
    </Pill>
  );
}

export function StatusBadge({ status, dict }: { status: AlertStatus; dict: Pick<Dictionary, 'status'> }) {
  return (
    <Pill tone={statusTones[status]} data-status={status}>
      {dict.status[status]}
    </Pill>
  );
}
