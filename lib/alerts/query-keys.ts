import type { AlertFilters } from './rules';

/**
 * TanStack Query keys of the alert pages, in one place so invalidation after an action reaches
 * every cached list (`alertKeys.lists()`) without naming each filter combination.
 */
export const alertKeys = {
  all: ['alerts'] as const,
  lists: () => [...alertKeys.all, 'list'] as const,
  list: (filters: AlertFilters) =>
    [
      ...alertKeys.lists(),
      {
        status: filters.status,
        severity: filters.severity ?? null,
        check: filters.check ?? null,
        q: filters.q ?? null,
        sort: filters.sort,
        cursor: filters.cursor ?? null,
      },
    ] as const,
};
