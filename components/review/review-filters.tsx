import { buttonClass } from '@/components/ui/button';
import { FilterSelect, filterFieldClass, filterLabelClass } from '@/components/ui/filter-field';
import type { DepotOption } from '@/lib/depots/queries';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { REVIEW_PERIODS, type ReviewSelection } from '@/lib/review/period';
import { ROUTES } from '@/lib/routes';

/**
 * The review's selection as a plain GET form (no script needed): the period, the month or the two
 * days it uses, and the depot when the user sees several. The page tidies the URL it lands on.
 */
export function ReviewFilters({
  selection,
  month,
  depots,
  dict,
}: {
  selection: ReviewSelection;
  /** The month the form offers (the selected one, else the last one). */
  month: string;
  depots: readonly DepotOption[];
  dict: Dictionary;
}) {
  const r = dict.review;
  return (
    <form
      method="get"
      action={ROUTES.review}
      aria-label={r.selection}
      className="grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex sm:flex-wrap"
      data-testid="review-filters"
    >
      <FilterSelect
        id="review-period"
        name="period"
        label={r.period}
        defaultValue={selection.period}
        options={REVIEW_PERIODS.map((period) => ({ value: period, label: r.periods[period] }))}
        className="col-span-2 min-w-0 sm:min-w-44"
      />
      <div>
        <label htmlFor="review-month" className={filterLabelClass}>
          {r.month}
        </label>
        <input id="review-month" name="month" type="month" defaultValue={month} className={filterFieldClass} />
      </div>
      <div className="hidden sm:block" />
      <div>
        <label htmlFor="review-from" className={filterLabelClass}>
          {r.from}
        </label>
        <input id="review-from" name="from" type="date" defaultValue={selection.from ?? ''} className={filterFieldClass} />
      </div>
      <div>
        <label htmlFor="review-to" className={filterLabelClass}>
          {r.to}
        </label>
        <input id="review-to" name="to" type="date" defaultValue={selection.to ?? ''} className={filterFieldClass} />
      </div>
      {depots.length > 1 ? (
        <FilterSelect
          id="review-depot"
          name="depot"
          label={r.depot}
          defaultValue={selection.depot ?? ''}
          allLabel={r.depotAll}
          options={depots.map((depot) => ({ value: depot.code, label: `${depot.code} — ${depot.name}` }))}
          className="col-span-2 min-w-0 sm:min-w-44 sm:max-w-60"
        />
      ) : null}
      <button type="submit" className={`${buttonClass('primary')} col-span-2`} data-testid="review-apply">
        {r.apply}
      </button>
      <p className="col-span-2 text-xs text-slate-600 sm:basis-full">{r.fieldsHint}</p>
    </form>
  );
}
