import type { ReactNode } from 'react';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';

/**
 * A governance page's title, its one-sentence intro, and what sits at the right (when the figures
 * were read, the page's own buttons). `intro` may be a placeholder while the page loads.
 */
export function PageHeader({ title, intro, actions }: { title: ReactNode; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
      <div className="min-w-0 grow">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {typeof intro === 'string' ? <p className="mt-1 max-w-4xl text-slate-700">{intro}</p> : intro}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-3">{actions}</div> : null}
    </header>
  );
}

/** « Mis à jour 25 nov. 2026, 16:40 »: when the page's figures were read. `template` has `{time}`. */
export function UpdatedAt({ at, template, locale, timeZone }: { at: string; template: string; locale: Locale; timeZone: string }) {
  return (
    <p className="text-sm text-slate-600">
      <time dateTime={at}>{interpolate(template, { time: formatDateTime(at, locale, timeZone) })}</time>
    </p>
  );
}
