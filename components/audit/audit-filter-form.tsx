import Form from 'next/form';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { checkLabel } from '@/lib/alerts/labels';
import { AUDIT_EVENT_TYPES, SYSTEM_ACTOR, type AuditFilters } from '@/lib/audit/filters';
import type { ActorOption } from '@/lib/audit/queries';
import { eventTypeLabel, roleLabel } from '@/lib/audit/labels';
import type { Dictionary } from '@/lib/i18n/dictionaries';

export const AUDIT_PATH = '/governance/audit';

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-sky-700 focus:outline-2 focus:outline-offset-0 focus:outline-sky-700';
const labelClass = 'block text-xs font-semibold uppercase tracking-wide text-slate-700';

/**
 * The filters as a GET form (next/form: a client-side navigation with JavaScript, a plain GET
 * without), so they live in the URL and a view can be shared. Submitting starts from the newest
 * event again (no cursor field).
 */
export function AuditFilterForm({ filters, actors, dict }: { filters: AuditFilters; actors: ActorOption[]; dict: Dictionary }) {
  const checkCodes = Object.keys(dict.checks);
  if (filters.check && !checkCodes.includes(filters.check)) checkCodes.push(filters.check);
  const actorOptions = actors.map((actor) => ({
    value: actor.id,
    label: [actor.name, roleLabel(dict, actor.role)].filter(Boolean).join(' — '),
  }));
  if (filters.actor && filters.actor !== SYSTEM_ACTOR && !actors.some((actor) => actor.id === filters.actor)) {
    actorOptions.push({ value: filters.actor, label: `${dict.audit.unknownActor} (${filters.actor.slice(0, 8)})` });
  }

  return (
    <Form
      // Re-mount on navigation so the fields show the URL's filters (after reset, back, forward).
      key={JSON.stringify({ ...filters, before: undefined })}
      action={AUDIT_PATH}
      role="search"
      aria-label={dict.audit.filters}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="audit-filters"
    >
      <div className="grid gap-3 sm:grid-cols-2 md:grid-cols-3 lg:grid-cols-[repeat(2,minmax(0,10rem))_repeat(3,minmax(0,1fr))]">
        <div>
          <label htmlFor="audit-from" className={labelClass}>
            {dict.audit.from}
          </label>
          <input
            id="audit-from"
            name="from"
            type="date"
            required
            defaultValue={filters.from}
            min="2000-01-01"
            max="2099-12-31"
            aria-describedby="audit-period-hint"
            className={fieldClass}
          />
        </div>
        <div>
          <label htmlFor="audit-to" className={labelClass}>
            {dict.audit.to}
          </label>
          <input
            id="audit-to"
            name="to"
            type="date"
            required
            defaultValue={filters.to}
            min="2000-01-01"
            max="2099-12-31"
            aria-describedby="audit-period-hint"
            className={fieldClass}
          />
        </div>
        <div>
          <label htmlFor="audit-actor" className={labelClass}>
            {dict.audit.actor}
          </label>
          <select id="audit-actor" name="actor" defaultValue={filters.actor ?? ''} className={fieldClass}>
            <option value="">{dict.audit.actorAll}</option>
            <option value={SYSTEM_ACTOR}>{dict.audit.system}</option>
            {actorOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-check" className={labelClass}>
            {dict.audit.check}
          </label>
          <select id="audit-check" name="check" defaultValue={filters.check ?? ''} className={fieldClass}>
            <option value="">{dict.audit.checkAll}</option>
            {checkCodes.map((code) => (
              <option key={code} value={code}>
                {checkLabel(dict, code)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-type" className={labelClass}>
            {dict.audit.eventType}
          </label>
          <select id="audit-type" name="type" defaultValue={filters.type ?? ''} className={fieldClass}>
            <option value="">{dict.audit.eventTypeAll}</option>
            {AUDIT_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {eventTypeLabel(dict, type)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <p id="audit-period-hint" className="text-xs text-slate-600">
          {dict.audit.periodHint}
        </p>
        <div className="flex items-center gap-2">
          <Link href={AUDIT_PATH} className={buttonClass('ghost')} data-testid="audit-reset">
            {dict.audit.reset}
          </Link>
          <button type="submit" className={buttonClass('primary')} data-testid="audit-apply">
            {dict.audit.apply}
          </button>
        </div>
      </div>
    </Form>
  );
}
