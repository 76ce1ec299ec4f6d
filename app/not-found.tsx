import Link from 'next/link';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata() {
  const { dict } = await getI18n();
  return { title: dict.notFound.title };
}

export default async function NotFound() {
  const { dict } = await getI18n();
  return (
    <main id="contenu" className="mx-auto max-w-3xl px-6 py-16 sm:py-24">
      <p className="text-sm font-medium uppercase tracking-wider text-sky-800">{dict.error.code404}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{dict.notFound.title}</h1>
      <p className="mt-4 text-lg text-slate-700">{dict.notFound.body}</p>
      <Link
        href="/"
        className="mt-8 inline-flex rounded-md bg-sky-800 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
      >
        {dict.error.home}
      </Link>
    </main>
  );
}
