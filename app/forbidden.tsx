import { getSessionUser } from '@/lib/auth/session';
import { signOutAction } from '@/lib/auth/actions';
import { getI18n } from '@/lib/i18n/server';
import { interpolate } from '@/lib/i18n/format';

export async function generateMetadata() {
  const { dict } = await getI18n();
  return { title: dict.forbidden.title };
}

/** The 403 page (forbidden()): for roles without access to governance. */
export default async function Forbidden() {
  const [{ dict }, user] = await Promise.all([getI18n(), getSessionUser()]);
  return (
    <main id="contenu" className="mx-auto max-w-3xl px-6 py-16 sm:py-24" data-testid="forbidden">
      <p className="text-sm font-medium uppercase tracking-wider text-red-800">{dict.error.code403}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{dict.forbidden.title}</h1>
      <p className="mt-4 text-lg text-slate-700">
        {user?.role ? interpolate(dict.forbidden.body, { role: dict.roles[user.role] }) : dict.forbidden.noProfile}
      </p>
      {user ? (
        <form action={signOutAction} className="mt-8">
          <button
            type="submit"
            className="inline-flex rounded-md bg-sky-800 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
          >
            {dict.forbidden.signOut}
          </button>
        </form>
      ) : null}
    </main>
  );
}
