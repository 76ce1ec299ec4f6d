import type { AlertPage } from './queries';
import { canBeAcknowledged } from './vocabulary';

/**
 * The cached page as it will look once the acknowledgement lands: the row turns ACK with the
 * current user's name. Rows that are no longer OPEN are left alone (someone else got there first;
 * the server will say so). Returns the same object when nothing changes.
 */
export function markAcknowledged(page: AlertPage | undefined, ids: readonly string[], name: string, at: string): AlertPage | undefined {
  if (!page) return page;
  let changed = false;
  const rows = page.rows.map((row) => {
    if (!ids.includes(row.id) || !canBeAcknowledged(row.status)) return row;
    changed = true;
    return { ...row, status: 'ACK', acknowledged_at: at, acknowledged_by_name: name };
  });
  return changed ? { ...page, rows } : page;
}
