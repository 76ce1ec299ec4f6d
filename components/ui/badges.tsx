import type { AlertStatus, Severity } from '@/lib/alerts/vocabulary';
import type { Dictionary } from '@/lib/i18n/dictionaries';

// Text and background pairs chosen for WCAG AA contrast (≥ 4.5:1) on their own background.
const severityStyles: Record<Severity, string> = {
  CRITICAL: 'bg-red-100 text-red-900 ring-red-300',
  WARN: 'bg-amber-100 text-amber-900 ring-amber-300',
  INFO: 'bg-sky-100 text-sky-900 ring-sky-300',
};

const statusStyles: Record<AlertStatus, string> = {
  OPEN: 'bg-white text-red-800 ring-red-400',
  ACK: 'bg-white text-amber-900 ring-amber-400',
  RESOLVED: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
};

const base = 'inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset';

export function SeverityBadge({ severity, dict }: { severity: Severity; dict: Dictionary }) {
  return (
    <span className={`${base} ${severityStyles[severity]}`} data-severity={severity}>
      {dict.severity[severity]}
    </span>
  );
}

export function StatusBadge({ status, dict }: { status: AlertStatus; dict: Dictionary }) {
  return (
    <span className={`${base} ${statusStyles[status]}`} data-status={status}>
      {dict.status[status]}
    </span>
  );
}
