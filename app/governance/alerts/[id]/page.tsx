import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AlertDetail } from '@/components/alerts/alert-detail';
import { can, permissionsOf } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getAlert } from '@/lib/alerts/get-alert';
import { fetchAlertEvents, fetchAssignees, fetchEarlierOccurrences } from '@/lib/alerts/queries';
import { timelineFromLedger } from '@/lib/alerts/timeline';
import { createClient } from '@/lib/supabase/server';
import { checkLabel } from '@/lib/alerts/labels';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { alertPath } from '@/lib/routes';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ id }, { dict }] = await Promise.all([params, getI18n()]);
  const alert = await getAlert(id);
  return { title: alert ? `${checkLabel(dict, alert.check_code)} · ${dict.alerts.title}` : dict.notFound.alertTitle };
}

export default async function AlertDetailPage({ params }: Props) {
  const { id } = await params;
  const [user, { dict, locale }, timeZone, alert] = await Promise.all([
    requirePermission('governance:read', alertPath(id)),
    getI18n(),
    getDepotTimeZone(),
    getAlert(id),
  ]);
  // The layout has already answered 404 for a missing alert; this only narrows the type.
  if (!alert) notFound();
  const supabase = await createClient();
  const [events, assignees, earlier] = await Promise.all([
    fetchAlertEvents(supabase, id),
    can(user.role, 'alerts:assign') ? fetchAssignees(supabase, alert.depot_id) : Promise.resolve([]),
    (alert.occurrence ?? 1) > 1 ? fetchEarlierOccurrences(supabase, alert) : Promise.resolve([]),
  ]);
  const history = timelineFromLedger(events);
  return (
    <AlertDetail
      alert={alert}
      history={history}
      dict={dict}
      locale={locale}
      timeZone={timeZone}
      permissions={permissionsOf(user.role, { headOffice: user.depot === null })}
      userName={user.name}
      userId={user.id}
      assignees={assignees}
      earlier={earlier}
    />
  );
}
