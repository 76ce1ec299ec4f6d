import Form from 'next/form';
import { buttonClass } from '@/components/ui/button';
import { FilterSelect } from '@/components/ui/filter-field';
import type { DepotOption } from '@/lib/depots/queries';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import type { DeliveryFilters } from '@/lib/notifications/schemas';
import { DELIVERY_STATUSES } from '@/lib/notifications/settings-rules';
import { ROUTES } from '@/lib/routes';

/** The status and depot filters as a GET form, so they live in the URL; applying them starts from the newest delivery again. */
export function DeliveryFilterForm({
  filters,
  depots,
  dict,
}: {
  filters: DeliveryFilters;
  depots: readonly DepotOption[];
  dict: Dictionary;
}) {
  const d = dict.deliveries;
  return (
    <Form
      key={`${filters.status ?? ''}:${filters.depot ?? ''}`}
      action={ROUTES.deliveries}
      role="search"
      aria-label={d.filters}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="deliveries-filters"
    >
      <FilterSelect
        id="deliveries-status"
        name="status"
        label={d.status}
        defaultValue={filters.status ?? ''}
        allLabel={d.all}
        options={DELIVERY_STATUSES.map((status) => ({ value: status, label: d.statuses[status] }))}
        className="w-full sm:w-56"
      />
      {depots.length > 1 ? (
        <FilterSelect
          id="deliveries-depot"
          name="depot"
          label={dict.alerts.depot}
          defaultValue={filters.depot ?? ''}
          allLabel={dict.alerts.depotAll}
          options={depots.map((depot) => ({ value: depot.code, label: `${depot.code} — ${depot.name}` }))}
          className="w-full sm:w-56"
        />
      ) : null}
      <button type="submit" className={buttonClass('secondary')}>
        {d.apply}
      </button>
    </Form>
  );
}
