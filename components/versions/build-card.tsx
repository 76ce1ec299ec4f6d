import { CircleAlert, CircleCheck, CircleHelp } from 'lucide-react';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, plural } from '@/lib/i18n/format';
import type { BuildInfo } from '@/lib/versions/build';
import type { AppliedSchema } from '@/lib/versions/schemas';
import { schemaAlignment } from '@/lib/versions/status';

function Field({ label, children, testId, mono = true }: { label: string; children: React.ReactNode; testId?: string; mono?: boolean }) {
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className={`mt-0.5 text-sm text-slate-900 [overflow-wrap:anywhere] ${mono ? 'font-mono' : ''}`} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The console itself: its version and build, and the schema it was built for against the applied one. */
export function BuildCard({
  build,
  applied,
  dict,
  locale,
  timeZone,
}: {
  build: BuildInfo;
  applied: AppliedSchema;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  const alignment = schemaAlignment(build.schemaVersion, applied?.version);
  const Icon = alignment === 'OK' ? CircleCheck : alignment === 'UNKNOWN' ? CircleHelp : CircleAlert;
  const tone =
    alignment === 'OK'
      ? 'border-emerald-200 bg-emerald-50 text-emerald-900'
      : alignment === 'DB_BEHIND'
        ? 'border-red-200 bg-red-50 text-red-900'
        : 'border-amber-200 bg-amber-50 text-amber-900';
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title={dict.versions.thisConsole} titleId="versions-build-title">
        <dl className="grid grid-cols-2 gap-3" data-testid="versions-build">
          <Field label={dict.versions.consoleVersion} testId="versions-console-version">
            {build.version}
          </Field>
          <Field label={dict.versions.commit}>{build.commit ? build.commit.slice(0, 12) : dict.versions.unknown}</Field>
          <Field label={dict.versions.builtAt} mono={false}>
            {build.builtAt ? (
              <time dateTime={build.builtAt}>{formatDateTime(build.builtAt, locale, timeZone)}</time>
            ) : (
              dict.versions.unknown
            )}
          </Field>
          <Field label={dict.versions.builtFor} testId="versions-built-for">
            {build.schemaVersion}
          </Field>
        </dl>
      </Card>
      <Card title={dict.versions.schema} titleId="versions-schema-title">
        <dl className="grid grid-cols-2 gap-3">
          <Field label={dict.versions.builtFor}>{build.schemaVersion}</Field>
          <Field label={dict.versions.applied} testId="versions-applied-schema">
            {applied?.version ?? dict.versions.unknown}
          </Field>
        </dl>
        {applied ? (
          <p className="mt-2 text-xs text-slate-600">
            <code>{applied.name}</code> · {plural(dict.versions.appliedCount, applied.appliedCount, locale)}
          </p>
        ) : null}
        <p
          className={`mt-3 flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${tone}`}
          data-testid="versions-alignment"
          data-alignment={alignment}
        >
          <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {dict.versions.alignment[alignment]}
        </p>
      </Card>
    </div>
  );
}
