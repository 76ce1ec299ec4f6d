import { Children, type ReactNode } from 'react';

export type DataColumn = {
  label: ReactNode;
  align?: 'left' | 'right';
  /** Extra classes for the header cell (a column hidden on small screens, say). */
  className?: string;
};

/**
 * Horizontal padding of a cell by its place in the row, so a table inside a Card lines up with the
 * card's own padding: the first and last cells reach the card's edge, the others sit closer.
 */
export function cellPadding(index: number, count: number): string {
  return index === 0 || index === count - 1 ? 'px-4 sm:px-5' : 'px-2';
}

/**
 * The console's data table: a real `<table>` with a caption for assistive technology and column
 * headers, scrolling sideways when narrower than its content. The rows (`children`) are the
 * caller's, and their first cell is usually the row header (`<th scope="row">`); with no row,
 * `empty` (a designed empty state) stands in for the whole table.
 *
 * The scrolling wrapper is `relative`, so the visually hidden caption (absolutely positioned) stays
 * inside it instead of widening the page on a phone.
 *
 * - `frame="card"` (default): inside a Card, bleeding to its edges, light header row.
 * - `frame="panel"`: a bordered panel of its own, shaded header row; `captionId` makes it a
 *   keyboard-scrollable region labelled by its caption.
 */
export function DataTable({
  caption,
  columns,
  children,
  footer,
  empty,
  frame = 'card',
  captionId,
  testId,
  className = '',
  scrollClassName = '',
  headClassName = '',
  bodyClassName = '',
}: {
  caption: ReactNode;
  /** The column headers, left to right: a label, or a label with its alignment and classes. */
  columns: readonly (string | DataColumn)[];
  children: ReactNode;
  footer?: ReactNode;
  /** Shown instead of the table when there is no row. */
  empty?: ReactNode;
  frame?: 'card' | 'panel';
  captionId?: string;
  testId?: string;
  /** Extra classes for the `<table>` (a minimum width). */
  className?: string;
  /** Extra classes for the scrolling wrapper (a maximum height). */
  scrollClassName?: string;
  /** Extra classes for the `<thead>` (sticky). */
  headClassName?: string;
  /** Extra classes for the `<tbody>` (vertical alignment). */
  bodyClassName?: string;
}) {
  if (empty !== undefined && Children.count(children) === 0) return empty;
  const panel = frame === 'panel';
  const header = (entry: string | DataColumn, index: number) => {
    const column = typeof entry === 'string' ? { label: entry } : entry;
    const align = column.align === 'right' ? 'text-right' : panel ? 'text-left' : '';
    const padding = panel ? 'px-3 text-xs uppercase tracking-wide text-slate-700' : cellPadding(index, columns.length);
    return (
      <th key={index} scope="col" className={`${padding} py-2 font-semibold ${align} ${column.className ?? ''}`}>
        {column.label}
      </th>
    );
  };
  const table = (
    <table className={`${panel ? 'min-w-full divide-y divide-slate-200' : 'w-full text-left'} text-sm ${className}`} data-testid={testId}>
      <caption id={captionId} className="sr-only">
        {caption}
      </caption>
      <thead className={`${panel ? 'bg-slate-50' : ''} ${headClassName}`}>
        <tr className={panel ? undefined : 'border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600'}>
          {columns.map(header)}
        </tr>
      </thead>
      <tbody className={`divide-y divide-slate-100 ${bodyClassName}`}>{children}</tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </table>
  );
  if (!panel) return <div className={`relative -mx-4 overflow-x-auto sm:-mx-5 ${scrollClassName}`}>{table}</div>;
  return captionId ? (
    <div
      className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-sky-800 ${scrollClassName}`}
      // Scrollable by keyboard when narrower than the table.
      tabIndex={0}
      role="region"
      aria-labelledby={captionId}
    >
      {table}
    </div>
  ) : (
    <div className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm ${scrollClassName}`}>{table}</div>
  );
}
