import type { Dictionary } from '@/lib/i18n/dictionaries';
import type { ComponentStatus } from '@/lib/versions/schemas';

// Text and background pairs chosen for WCAG AA contrast, as components/ui/badges.tsx.
const styles: Record<ComponentStatus, string> = {
  OK: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  DRIFT: 'bg-red-100 text-red-900 ring-red-300',
  STALE: 'bg-amber-100 text-amber-900 ring-amber-300',
  UNKNOWN: 'bg-slate-100 text-slate-800 ring-slate-300',
};

export function VersionStatusBadge({ status, dict }: { status: ComponentStatus; dict: Dictionary }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${styles[status]}`}
      data-status={status}
    >
      {dict.versions.status[status]}
    </span>
  );
}
