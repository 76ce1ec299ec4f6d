import type { Metadata } from 'next';
import { DeliveriesTable } from '@/components/deliveries/deliveries-table';
import { DeliveryFilterForm } from '@/components/deliveries/delivery-filter-form';
import { KeysetPagination } from '@/components/ui/keyset-pagination';
import { PageHeader } from '@/components/ui/page-header';
import { Toaster } from '@/components/ui/toaster';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { fetchDeliveryPage } from '@/lib/notifications/queries';
import { deliveryFiltersToQuery, parseDeliveryFilters } from '@/lib/notifications/schemas';
import { ROUTES } from '@/lib/routes';
import { fetchDepots } from '@/lib/depots/queries';
import { createClient } from '@/lib/supabase/server';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.deliveries.title };
}

/** The notification outbox, newest first, filtered by status from the URL; an admin sees everyone's and retries the failed. */
export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('governance:read', ROUTES.deliveries);
  const filters = parseDeliveryFilters(await searchParams);
  const supabase = await createClient();
  const depots = await fetchDepots(supabase);
  const depotId = filters.depot === undefined ? undefined : (depots.find((depot) => depot.code === filters.depot)?.id ?? null);
  const [{ locale, dict }, timeZone, page] = await Promise.all([
    getI18n(),
    getDepotTimeZone(),
    fetchDeliveryPage(supabase, filters, undefined, depotId),
  ]);
  const d = dict.deliveries;
  // What RLS shows: an admin every delivery, anyone else their own.
  const isAdmin = user.role === 'admin';
  const canRetry = can(user.role, 'deliveries:retry');

  return (
    <div className="space-y-6">
      <PageHeader title={d.title} intro={d.intro} />
      <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950" data-testid="deliveries-scope">
        {isAdmin ? d.scopeAdmin : d.scopeOwn}
      </p>
      <DeliveryFilterForm filters={filters} depots={depots} dict={dict} />
      <div className="space-y-3">
        <DeliveriesTable
          rows={page.rows}
          canRetry={canRetry}
          empty={filters.status ? d.empty : d.emptyAll}
          dict={dict}
          locale={locale}
          timeZone={timeZone}
        />
        <KeysetPagination
          labels={d}
          firstHref={filters.cursor ? `${ROUTES.deliveries}${deliveryFiltersToQuery({ ...filters, cursor: null })}` : null}
          nextHref={page.next ? `${ROUTES.deliveries}${deliveryFiltersToQuery({ ...filters, cursor: page.next })}` : null}
          testIdPrefix="deliveries"
        />
      </div>
      {canRetry ? <Toaster /> : null}
    </div>
  );
}
