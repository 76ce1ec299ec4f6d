import type { Dictionary } from '@/lib/i18n/dictionaries';
import { interpolate } from '@/lib/i18n/format';

/** What a depot's user finds on a page of the whole platform (security, versions): head office's. */
export function HeadOfficeOnly({ depot, dict }: { depot: { code: string; name: string }; dict: Dictionary }) {
  return (
    <section className="max-w-2xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm" data-testid="head-office-only">
      <h1 className="text-xl font-semibold text-slate-900">{dict.common.headOfficeOnlyTitle}</h1>
      <p className="mt-2 text-slate-700">{interpolate(dict.common.headOfficeOnlyBody, { depot: depot.name })}</p>
    </section>
  );
}
