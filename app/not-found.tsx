import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = {
  title: 'Page introuvable',
};

export default function NotFound() {
  return (
    <main id="contenu" className="mx-auto max-w-3xl px-6 py-16 sm:py-24">
      <p className="text-sm font-medium uppercase tracking-wider text-sky-800">Erreur 404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Page introuvable</h1>
      <p className="mt-4 text-lg text-slate-700">
        Cette page n’existe pas ou a été déplacée. Vérifiez l’adresse ou revenez à l’accueil.
      </p>
      <Link
        href="/"
        className="mt-8 inline-flex rounded-md bg-sky-800 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-900"
      >
        Retour à l’accueil
      </Link>
    </main>
  );
}
