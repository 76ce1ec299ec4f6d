import type { ReactNode } from 'react';

/** The look of a filter form's fields and their labels (the alert filters, the audit filters). */
export const filterFieldClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm pointer-coarse:min-h-11 text-slate-900 shadow-sm focus:border-sky-700 focus:outline-2 focus:outline-offset-0 focus:outline-sky-700';
export const filterLabelClass = 'block text-xs font-semibold uppercase tracking-wide text-slate-700';

export type FilterOption = { value: string; label: string };

/**
 * One labelled `<select>` of a GET filter form: the label above it, `allLabel` as a first choice
 * with an empty value (the filter off) when given, then the options.
 */
export function FilterSelect({
  id,
  name,
  label,
  defaultValue,
  options,
  allLabel,
  className,
}: {
  id: string;
  name: string;
  label: ReactNode;
  defaultValue: string;
  options: readonly FilterOption[];
  allLabel?: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={filterLabelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={filterFieldClass}>
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
