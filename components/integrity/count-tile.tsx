import type { LucideIcon } from 'lucide-react';
import { ArrowRight } from 'lucide-react';
import Link from 'next/link';

export type TileTone = 'red' | 'amber' | 'sky' | 'emerald' | 'slate';

// Accent colours: the border is decoration; the icon keeps ≥ 3:1 against white.
const tones: Record<TileTone, { border: string; icon: string }> = {
  red: { border: 'border-l-red-700', icon: 'text-red-700' },
  amber: { border: 'border-l-amber-500', icon: 'text-amber-700' },
  sky: { border: 'border-l-sky-700', icon: 'text-sky-700' },
  emerald: { border: 'border-l-emerald-600', icon: 'text-emerald-700' },
  slate: { border: 'border-l-slate-400', icon: 'text-slate-600' },
};

/** A headline figure that opens the matching alert list. */
export function CountTile({
  href,
  label,
  value,
  hint,
  icon: Icon,
  tone,
  testId,
}: {
  href: string;
  label: string;
  value: string;
  hint: string;
  icon: LucideIcon;
  tone: TileTone;
  testId: string;
}) {
  return (
    <Link
      href={href}
      className={`group flex h-full flex-col rounded-md border border-l-4 border-slate-200 bg-white px-4 py-3 shadow-xs transition-colors hover:border-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 ${tones[tone].border}`}
    >
      <span className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <Icon aria-hidden="true" className={`size-4 shrink-0 ${tones[tone].icon}`} />
        {label}
      </span>
      <span className="mt-1 text-3xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </span>
      <span className="mt-auto flex items-center gap-1 pt-1 text-xs font-medium text-sky-800 group-hover:underline">
        {hint}
        <ArrowRight aria-hidden="true" className="size-3" />
      </span>
    </Link>
  );
}
