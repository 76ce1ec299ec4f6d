import type { AlertFilters } from './rules';

/**
 * Which empty state an empty page shows: nothing to handle at all (the default view is empty),
 * nothing matching narrower filters, or nothing past the last page (a stale cursor).
 */
export type EmptyKind = 'none' | 'filtered' | 'pageEnd';

export function emptyKind(filters: AlertFilters): EmptyKind {
  if (filters.cursor) return 'pageEnd';
  const narrowed = Boolean(filters.severity || filters.check || filters.q) || (filters.status !== 'active' && filters.status !== 'all');
  return narrowed ? 'filtered' : 'none';
}
