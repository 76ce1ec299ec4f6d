import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { requirePermission } from '@/lib/auth/session';
import { getI18n } from '@/lib/i18n/server';

/** Every governance page: signed in (else sign-in), governance role (else 403), inside the shell. */
export default async function GovernanceLayout({ children }: { children: ReactNode }) {
  const [user, { dict }] = await Promise.all([requirePermission('governance:read'), getI18n()]);
  return (
    <AppShell user={user} dict={dict}>
      {children}
    </AppShell>
  );
}
