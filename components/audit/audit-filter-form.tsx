import Form from 'next/form';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { FilterSelect, filterFieldClass, filterLabelClass } from '@/components/ui/filter-field';
import { checkLabel } from '@/lib/alerts/labels';
import { AUDIT_EVENT_TYPES, SYSTEM_ACTOR, type AuditFilters } from '@/lib/audit/filters';
import type { ActorOption } from '@/lib/audit/queries';
import type { DepotOption } from '@/lib/depots/queries';
import { eventTypeLabel, roleLabel } from '@/lib/audit/labels';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { ROUTES } from '@/lib/routes';

/**
 * The filters as a GET form (next/form: a client-side navigation with JavaScript, a plain GET
 * without), so they live in the URL and a view can be shared. Submitting starts from the newest
 * event again (no cursor field).
 */
export function AuditFilterForm({
  filters,
  actors,
  depots,
  dict,
}: {
  filters: AuditFilters;
  actors: ActorOption[];
  /** The depots the user sees: a choice only for who sees several (head office). */
  depots: readonly DepotOption[];
  dict: Dictionary;
}) {
  const depotOptions = depots.map((depot) => ({ value: depot.code, label: `${depot.code} — ${depot.name}` }));
  if (filters.depot && !depots.some((depot) => depot.code === filters.depot)) {
    depotOptions.push({ value: filters.depot, label: `${filters.depot} (${dict.audit.unknownDepot})` });
  }
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
      key={JSON.stringify({ ...filters, before: undefined, depotId: undefined })}
      action={ROUTES.audit}
      role="search"
      aria-label={dict.audit.filters}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="audit-filters"
    >
      <div className="grid gap-3 sm:grid-cols-2 md:grid-cols-3 lg:grid-cols-[repeat(2,minmax(0,10rem))_repeat(4,minmax(0,1fr))]">
        <div>
          <label htmlFor="audit-from" className={filterLabelClass}>
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
            className={filterFieldClass}
          />
        </div>
        <div>
          <label htmlFor="audit-to" className={filterLabelClass}>
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
            className={filterFieldClass}
          />
        </div>
        <FilterSelect
          id="audit-actor"
          name="actor"
          label={dict.audit.actor}
          defaultValue={filters.actor ?? ''}
          allLabel={dict.audit.actorAll}
          options={[{ value: SYSTEM_ACTOR, label: dict.audit.system }, ...actorOptions]}
        />
        <FilterSelect
          id="audit-check"
          name="check"
          label={dict.audit.check}
          defaultValue={filters.check ?? ''}
          allLabel={dict.audit.checkAll}
          options={checkCodes.map((code) => ({ value: code, label: checkLabel(dict, code) }))}
        />
        <FilterSelect
          id="audit-type"
          name="type"
          label={dict.audit.eventType}
          defaultValue={filters.type ?? ''}
          allLabel={dict.audit.eventTypeAll}
          options={AUDIT_EVENT_TYPES.map((type) => ({ value: type, label: eventTypeLabel(dict, type) }))}
        />
        {depotOptions.length > 1 ? (
          <FilterSelect
            id="audit-depot"
            name="depot"
            label={dict.alerts.depot}
            defaultValue={filters.depot ?? ''}
            allLabel={dict.alerts.depotAll}
            options={depotOptions}
          />
        ) : null}
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <p id="audit-period-hint" className="text-xs text-slate-600">
          {dict.audit.periodHint}
        </p>
        <div className="flex items-center gap-2">
          <Link href={ROUTES.audit} className={buttonClass('ghost')} data-testid="audit-reset">
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
