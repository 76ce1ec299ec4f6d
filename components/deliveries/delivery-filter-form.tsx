import Form from 'next/form';
import { buttonClass } from '@/components/ui/button';
import { FilterSelect } from '@/components/ui/filter-field';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import type { DeliveryFilters } from '@/lib/notifications/schemas';
import { DELIVERY_STATUSES } from '@/lib/notifications/settings-rules';
import { ROUTES } from '@/lib/routes';

/** The status filter as a GET form, so it lives in the URL; applying it starts from the newest delivery again. */
export function DeliveryFilterForm({ filters, dict }: { filters: DeliveryFilters; dict: Dictionary }) {
  const d = dict.deliveries;
  return (
    <Form
      key={filters.status ?? ''}
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
      <button type="submit" className={buttonClass('secondary')}>
        {d.apply}
      </button>
    </Form>
  );
}
