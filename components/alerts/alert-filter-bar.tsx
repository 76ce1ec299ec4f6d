'use client';

import { Search } from 'lucide-react';
import Link from 'next/link';
import type { FormEvent } from 'react';
import { buttonClass } from '@/components/ui/button';
import { FilterSelect, filterFieldClass, filterLabelClass } from '@/components/ui/filter-field';
import { checkOptions } from '@/lib/alerts/labels';
import { alertFiltersToQuery, SEARCH_MAX_LENGTH } from '@/lib/alerts/rules';
import { SEVERITIES } from '@/lib/alerts/vocabulary';
import type { AlertFilters } from '@/lib/alerts/schemas';
import type { DepotOption } from '@/lib/depots/queries';
import { useI18n } from '@/lib/i18n/client';
import { ROUTES } from '@/lib/routes';
import { alertFilterBarMessages } from './messages';

/**
 * The filters, as a GET form: without JavaScript it submits to the same URL; with it, the URL is
 * built from the fields (blanks and defaults dropped, the cursor reset) and pushed; the page parses
 * it on the server either way. The filters live in the URL, so a view can be shared.
 */
export function AlertFilterBar({
  filters,
  depots,
  onNavigate,
}: {
  filters: AlertFilters;
  /** The depots the user sees: a choice only when there are several (head office). */
  depots: readonly DepotOption[];
  onNavigate: (href: string) => void;
}) {
  const { dict } = useI18n(alertFilterBarMessages);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: keyof AlertFilters) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() || undefined : undefined;
    };
    const query = alertFiltersToQuery({
      status: field('status'),
      severity: field('severity'),
      check: field('check'),
      q: field('q'),
      sort: field('sort'),
      mine: form.get('mine') === '1' ? '1' : undefined,
      snoozed: form.get('snoozed') === '1' ? '1' : undefined,
      silenced: form.get('silenced') === '1' ? '1' : undefined,
      countersign: form.get('countersign') === '1' ? '1' : undefined,
      entity: field('entity'),
      depot: field('depot'),
      group: field('group'),
    });
    onNavigate(`${ROUTES.alerts}${query}`);
  }

  const statuses: { value: AlertFilters['status']; label: string }[] = [
    { value: 'active', label: dict.alerts.active },
    { value: 'OPEN', label: dict.alerts.statusOpen },
    { value: 'ACK', label: dict.alerts.statusAck },
    { value: 'RESOLVED', label: dict.alerts.statusResolved },
    { value: 'all', label: dict.alerts.statusAll },
  ];
  const sorts: { value: AlertFilters['sort']; label: string }[] = [
    { value: 'recent', label: dict.alerts.sortRecent },
    { value: 'oldest', label: dict.alerts.sortOldest },
    { value: 'severity', label: dict.alerts.sortSeverity },
  ];

  return (
    <form
      // Re-mount on navigation so the fields show the URL's filters (after "reset", back, forward).
      key={alertFiltersToQuery({ ...filters, cursor: undefined })}
      role="search"
      aria-label={dict.alerts.filters}
      method="get"
      action={ROUTES.alerts}
      onSubmit={handleSubmit}
      className="grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex sm:flex-wrap"
      data-testid="alerts-filters"
    >
      <FilterSelect
        id="alerts-status"
        name="status"
        label={dict.alerts.status}
        defaultValue={filters.status}
        options={statuses}
        className="min-w-0 sm:min-w-36"
      />
      <FilterSelect
        id="alerts-severity"
        name="severity"
        label={dict.alerts.severity}
        defaultValue={filters.severity ?? ''}
        allLabel={dict.alerts.severityAll}
        options={SEVERITIES.map((severity) => ({ value: severity, label: dict.severity[severity] }))}
        className="min-w-0 sm:min-w-36"
      />
      <FilterSelect
        id="alerts-check"
        name="check"
        label={dict.alerts.check}
        defaultValue={filters.check ?? ''}
        allLabel={dict.alerts.checkAll}
        options={checkOptions(dict, filters.check).map((option) => ({ value: option.code, label: option.label }))}
        className="min-w-0 sm:min-w-36"
      />
      {depots.length > 1 ? (
        <FilterSelect
          id="alerts-depot"
          name="depot"
          label={dict.alerts.depot}
          defaultValue={filters.depot ?? ''}
          allLabel={dict.alerts.depotAll}
          options={depots.map((depot) => ({ value: depot.code, label: `${depot.code} — ${depot.name}` }))}
          className="min-w-0 sm:min-w-36 sm:max-w-56"
        />
      ) : null}
      <FilterSelect
        id="alerts-sort"
        name="sort"
        label={dict.alerts.sort}
        defaultValue={filters.sort}
        options={sorts}
        className="min-w-0 sm:min-w-36"
      />
      <FilterSelect
        id="alerts-group"
        name="group"
        label={dict.alerts.group}
        defaultValue={filters.group ?? ''}
        allLabel={dict.alerts.groupNone}
        options={[
          { value: 'check', label: dict.alerts.groupByCheck },
          { value: 'entity', label: dict.alerts.groupByEntity },
        ]}
        className="min-w-0 sm:min-w-36"
      />
      {/* One object's alerts (a group's « voir dans la liste »): kept while other filters change. */}
      {filters.entity ? <input type="hidden" name="entity" value={filters.entity} /> : null}
      <div className="col-span-2 sm:min-w-56 sm:flex-1">
        <label htmlFor="alerts-q" className={filterLabelClass}>
          {dict.alerts.search}
        </label>
        <div className="relative">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-2.5 mt-0.5 size-4 -translate-y-1/2 text-slate-500"
          />
          <input
            id="alerts-q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ''}
            maxLength={SEARCH_MAX_LENGTH}
            placeholder={dict.alerts.searchPlaceholder}
            className={`${filterFieldClass} pl-8`}
          />
        </div>
      </div>
      <div className="col-span-2 flex flex-wrap items-center gap-x-5 gap-y-2 self-center sm:pt-5">
        <FilterCheckbox name="mine" checked={filters.mine === true} label={dict.alerts.mine} hint={dict.alerts.mineHint} />
        <FilterCheckbox
          name="snoozed"
          checked={filters.snoozed === true}
          label={dict.alerts.snoozedFilter}
          hint={dict.alerts.snoozedFilterHint}
        />
        <FilterCheckbox
          name="silenced"
          checked={filters.silenced === true}
          label={dict.alerts.silencedFilter}
          hint={dict.alerts.silencedFilterHint}
        />
        <FilterCheckbox
          name="countersign"
          checked={filters.countersign === true}
          label={dict.alerts.countersignFilter}
          hint={dict.alerts.countersignFilterHint}
        />
      </div>
      <div className="col-span-2 flex items-center gap-2">
        <button type="submit" className={buttonClass('primary')} data-testid="alerts-apply">
          {dict.alerts.apply}
        </button>
        <Link href={ROUTES.alerts} className={buttonClass('ghost')} data-testid="alerts-reset">
          {dict.alerts.reset}
        </Link>
      </div>
    </form>
  );
}

/** A yes/no filter of the GET form: `name=1` in the URL when ticked. */
function FilterCheckbox({
  name,
  checked,
  label,
  hint,
}: {
  name: 'mine' | 'snoozed' | 'silenced' | 'countersign';
  checked: boolean;
  label: string;
  hint: string;
}) {
  return (
    <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-800" title={hint}>
      <input
        type="checkbox"
        name={name}
        value="1"
        defaultChecked={checked}
        className="size-4 rounded border-slate-400 accent-sky-800"
        data-testid={`alerts-${name}`}
      />
      {label}
    </label>
  );
}
