import type { ReactNode } from 'react';
import { isHeadOffice, type SessionUser } from '@/lib/auth/session';
import { signOutAction } from '@/lib/auth/actions';
import { can } from '@/lib/auth/permissions';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { ROUTES } from '@/lib/routes';
import { HeaderMenu } from './header-menu';
import { LanguageSwitch } from './language-switch';
import { NavLinks, type NavItem } from './nav-links';

/**
 * The signed-in frame: product name, the pages the role may see, who is signed in, language,
 * sign-out (behind a menu button on a phone); `banner` (the checks' health) between the header and the page.
 */
export function AppShell({
  user,
  dict,
  banner,
  children,
}: {
  user: SessionUser;
  dict: Dictionary;
  banner?: ReactNode;
  children: ReactNode;
}) {
  const items: NavItem[] = can(user.role, 'governance:read')
    ? [
        { href: ROUTES.integrity, label: dict.nav.integrity },
        { href: ROUTES.review, label: dict.nav.review },
        { href: ROUTES.alerts, label: dict.nav.alerts },
        { href: ROUTES.audit, label: dict.nav.audit },
        // The platform's pages: head office's (a depot's people would find nothing of theirs there).
        ...(isHeadOffice(user)
          ? [
              { href: ROUTES.versions, label: dict.nav.versions },
              { href: ROUTES.security, label: dict.nav.security },
            ]
          : []),
        { href: ROUTES.notifications, label: dict.nav.notifications },
        { href: ROUTES.deliveries, label: dict.nav.deliveries },
        { href: ROUTES.silences, label: dict.nav.silences },
      ]
    : [];
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <p className="flex flex-col leading-tight">
            <span className="text-xs uppercase tracking-wider text-sky-200" data-testid="current-scope">
              {user.depot ? user.depot.name : dict.common.headOffice}
            </span>
            <span className="font-semibold">{dict.common.appName}</span>
          </p>
          <HeaderMenu label={dict.nav.menu}>
            <NavLinks items={items} label={dict.nav.label} />
            <div className="flex flex-wrap items-center gap-3 border-t border-white/15 pt-3 md:ml-auto md:gap-4 md:border-0 md:pt-0">
              <p className="mr-auto text-sm leading-tight md:mr-0 md:text-right" data-testid="current-user">
                <span className="block font-medium">{user.name}</span>
                <span className="block text-xs text-slate-300">{user.role ? dict.roles[user.role] : ''}</span>
              </p>
              <LanguageSwitch />
              <form action={signOutAction}>
                <button
                  type="submit"
                  className="rounded-md border border-white/30 px-3 py-1.5 text-sm font-medium hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white max-md:min-h-11 pointer-coarse:min-h-11"
                >
                  {dict.nav.signOut}
                </button>
              </form>
            </div>
          </HeaderMenu>
        </div>
      </header>
      {banner}
      <main id="contenu" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
