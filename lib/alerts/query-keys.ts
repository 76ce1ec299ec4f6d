import type { AlertFilters } from './schemas';

/**
 * Cache keys of the alert pages (lib/alerts/list-store.ts), in one place: one per filter set, all
 * under `alertKeys.lists()`.
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
