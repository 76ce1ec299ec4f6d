import type { HTMLAttributes, ReactNode } from 'react';

/**
 * Text and background pairs chosen for WCAG AA contrast (≥ 4.5:1) on their own background. The
 * same colour means the same thing everywhere: red critical or failing, amber warning, sky
 * information, emerald done or fine, slate neutral; the outlined ones are workflow states still open.
 */
const tones = {
  red: 'bg-red-100 text-red-900 ring-red-300',
  redLight: 'bg-red-50 text-red-900 ring-red-300',
  redOutline: 'bg-white text-red-800 ring-red-400',
  amber: 'bg-amber-100 text-amber-900 ring-amber-300',
  amberOutline: 'bg-white text-amber-900 ring-amber-400',
  sky: 'bg-sky-100 text-sky-900 ring-sky-300',
  emerald: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  slate: 'bg-slate-100 text-slate-800 ring-slate-300',
} as const;

export type PillTone = keyof typeof tones;

/**
 * A small rounded label: a status, a severity, a level, a marker. `medium` weight for markers that
 * sit beside a badge (the badge itself is semibold); `wrap` for a sentence that may need two lines
 * in a narrow column. Extra attributes (`data-*`, `title`) go on the element.
 */
export function Pill({
  tone,
  weight = 'semibold',
  wrap = false,
  as: Element = 'span',
  className = '',
  children,
  ...attributes
}: {
  tone: PillTone;
  weight?: 'semibold' | 'medium';
  wrap?: boolean;
  as?: 'span' | 'p';
  className?: string;
  children: ReactNode;
} & Omit<HTMLAttributes<HTMLElement>, 'className' | 'children'>) {
  return (
    <Element
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs ring-1 ring-inset ${wrap ? '' : 'whitespace-nowrap'} ${
        weight === 'medium' ? 'font-medium' : 'font-semibold'
      } ${tones[tone]} ${className}`}
      {...attributes}
    >
      {children}
    </Element>
  );
}
