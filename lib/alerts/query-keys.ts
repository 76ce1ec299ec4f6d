import { alertFiltersToQuery, type AlertFilters } from './rules';

/**
 * TanStack Query keys of the alert pages, in one place so invalidation after an action reaches
 * every cached list (`alertKeys.lists()`) without naming each filter combination.
 *
 * A list's key is its canonical query string (the one its URL carries), so a filter added to the
 * URL is in the key too: a key that once left out « Mes alertes » served the unfiltered list's
 * cached rows under `?mine=1`.
 */
export const alertKeys = {
  all: ['alerts'] as const,
  lists: () => [...alertKeys.all, 'list'] as const,
  list: (filters: AlertFilters) => [...alertKeys.lists(), alertFiltersToQuery(filters)] as const,
};
