import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { SyncHealthBanner } from '@/components/sync-health/sync-health-banner';
import { requirePermission } from '@/lib/auth/session';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { getSyncHealth } from '@/lib/sync-health/queries';
import { syncNotice } from '@/lib/sync-health/schemas';

/**
 * Every governance page: signed in (else sign-in), governance role (else 403), inside the shell,
 * under a banner when the checks stopped running or their last run failed (silence is not health).
 */
export default async function GovernanceLayout({ children }: { children: ReactNode }) {
  // With the permission check, not after it: one small read in parallel (null for a non-reader).
  // The time zone is the root layout's read, cached for the request.
  const [user, { dict, locale }, timeZone, syncHealth] = await Promise.all([
    requirePermission('governance:read'),
    getI18n(),
    getDepotTimeZone(),
    getSyncHealth(),
  ]);
  const notice = syncHealth ? syncNotice(syncHealth) : null;
  return (
    <AppShell
      user={user}
      dict={dict}
      banner={notice ? <SyncHealthBanner notice={notice} dict={dict} locale={locale} timeZone={timeZone} /> : null}
    >
      {children}
    </AppShell>
  );
}
