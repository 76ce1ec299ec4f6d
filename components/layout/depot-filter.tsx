import { buttonClass } from '@/components/ui/button';
import { filterFieldClass, filterLabelClass } from '@/components/ui/filter-field';
import type { DepotOption } from '@/lib/depots/queries';
import type { Dictionary } from '@/lib/i18n/dictionaries';

/**
 * One depot or all, as a plain GET form (no script needed) to the page itself: shown to whoever sees
 * several depots (head office); a depot's people see theirs only anyway (RLS).
 */
export function DepotFilter({
  action,
  depots,
  current,
  dict,
}: {
  action: string;
  depots: readonly DepotOption[];
  current: string | undefined;
  dict: Dictionary;
}) {
  if (depots.length < 2) return null;
  return (
    <form method="get" action={action} className="flex items-end gap-2" data-testid="depot-filter">
      <div>
        <label htmlFor="depot-filter" className={filterLabelClass}>
          {dict.alerts.depot}
        </label>
        <select id="depot-filter" name="depot" defaultValue={current ?? ''} className={`${filterFieldClass} max-w-60`}>
          <option value="">{dict.alerts.depotAll}</option>
          {depots.map((depot) => (
            <option key={depot.code} value={depot.code}>
              {`${depot.code} — ${depot.name}`}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass('secondary')} data-testid="depot-filter-apply">
        {dict.review.apply}
      </button>
    </form>
  );
}
