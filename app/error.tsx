'use client';

import { useEffect } from 'react';

function digestOf(error: unknown): string | undefined {
  if (error instanceof Error && 'digest' in error && typeof error.digest === 'string') {
    return error.digest;
  }
  return undefined;
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = digestOf(error);

  return (
    <main id="contenu" className="mx-auto max-w-3xl px-6 py-16 sm:py-24">
      <div role="alert">
        <h1 className="text-3xl font-semibold tracking-tight">Une erreur est survenue</h1>
        <p className="mt-4 text-lg text-slate-700">
          La page n’a pas pu être affichée. Réessayez ; si le problème persiste, contactez
          l’administrateur en lui donnant la référence ci-dessous.
        </p>
        {digest ? (
          <p className="mt-2 text-sm text-slate-700">
            Référence : <code className="font-mono">{digest}</code>
          </p>
        ) : null}
      </div>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-8 inline-flex rounded-md bg-sky-800 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-900"
      >
        Réessayer
      </button>
    </main>
  );
}
