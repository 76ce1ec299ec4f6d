import type { Metadata } from 'next';
import { AlertList } from '@/components/alerts/alert-list';
import { permissionsOf } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { fetchAlertGroups, fetchAlertPage } from '@/lib/alerts/queries';
import { fetchDepots } from '@/lib/depots/queries';
import { parseAlertFilters, type AlertFilters } from '@/lib/alerts/schemas';
import { getI18n } from '@/lib/i18n/server';
import { createClient } from '@/lib/supabase/server';
import { ROUTES } from '@/lib/routes';

/** The first page, and when it was read (so the client knows how fresh it is). */
async function loadFirstPage(filters: AlertFilters, viewerId: string) {
  const page = await fetchAlertPage(await createClient(), filters, undefined, viewerId);
  return { page, fetchedAt: Date.now() };
}

/** No flat page: the list is grouped. */
async function loadNoPage() {
  return { page: { rows: [], nextCursor: null }, fetchedAt: Date.now() };
}

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.alerts.title };
}

/** The alert list: filters from the URL, the first page read on the server, then kept live by the client. */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = parseAlertFilters(await searchParams);
  const user = await requirePermission('governance:read', ROUTES.alerts);
  // Grouped: the groups instead of the first page (the flat list is not shown).
  const grouping = filters.group;
  const [[{ page, fetchedAt }, groups], depots] = await Promise.all([
    grouping
      ? Promise.all([loadNoPage(), fetchAlertGroups(await createClient(), { ...filters, group: grouping })])
      : Promise.all([loadFirstPage(filters, user.id), undefined]),
    fetchDepots(await createClient()),
  ]);
  return (
    <AlertList
      groups={groups}
      // A new filter set starts afresh (selection, open dialog); the query cache is kept.
      key={JSON.stringify(filters)}
      filters={filters}
      initialPage={page}
      fetchedAt={fetchedAt}
      permissions={permissionsOf(user.role, { headOffice: user.depot === null })}
      userName={user.name}
      depots={depots}
    />
  );
}
