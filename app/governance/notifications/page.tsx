import type { Metadata } from 'next';
import { DeadlineForms } from '@/components/notifications/deadline-forms';
import { DeadlinesTable } from '@/components/notifications/deadlines-table';
import { PreferencesForm } from '@/components/notifications/preferences-form';
import { WebhookSecret } from '@/components/notifications/webhook-secret';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { isHeadOffice, requirePermission } from '@/lib/auth/session';
import { can } from '@/lib/auth/permissions';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { fetchDeadlines, fetchMyPreferences } from '@/lib/notifications/queries';
import { ROUTES } from '@/lib/routes';
import { createClient } from '@/lib/supabase/server';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.notifications.title };
}

/** Each governance user's own notification preferences and webhook, and the deadlines per severity (a directeur edits them). */
export default async function NotificationsPage() {
  const user = await requirePermission('governance:read', ROUTES.notifications);
  const supabase = await createClient();
  const [{ locale, dict }, timeZone, preferences, deadlines] = await Promise.all([
    getI18n(),
    getDepotTimeZone(),
    fetchMyPreferences(supabase),
    fetchDeadlines(supabase),
  ]);
  const n = dict.notifications;
  // The deadlines are the company's: a head-office directeur sets them (the database refuses a depot's).
  const canEdit = can(user.role, 'deadlines:edit') && isHeadOffice(user);

  return (
    <div className="space-y-6">
      <PageHeader title={n.title} intro={n.intro} />

      <Card title={n.mineTitle} titleId="notifications-mine-title">
        <p className="mb-4 text-sm text-slate-700" data-testid="preferences-source" data-default={preferences.is_default}>
          {preferences.is_default ? n.defaultsApply : n.ownSettings}
        </p>
        <PreferencesForm
          preferences={{
            email: preferences.email,
            email_enabled: preferences.email_enabled,
            webhook_url: preferences.webhook_url,
            min_severity: preferences.min_severity,
            digest: preferences.digest,
          }}
        />
      </Card>

      {preferences.webhook_url ? (
        <Card title={n.secretTitle} titleId="notifications-secret-title">
          <p className="mb-4 max-w-3xl text-sm text-slate-700">{n.secretIntro}</p>
          <WebhookSecret />
        </Card>
      ) : null}

      <Card title={n.deadlinesTitle} titleId="notifications-deadlines-title">
        <p className="mb-2 max-w-3xl text-sm text-slate-700">{n.deadlinesIntro}</p>
        {canEdit ? null : (
          <p className="mb-3 text-sm font-medium text-slate-800" data-testid="deadlines-read-only">
            {can(user.role, 'deadlines:edit') ? n.deadlinesHeadOffice : n.deadlinesReadOnly}
          </p>
        )}
        <DeadlinesTable deadlines={deadlines} dict={dict} locale={locale} timeZone={timeZone} />
        {canEdit ? (
          <div className="mt-5">
            <DeadlineForms deadlines={deadlines} />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
