'use client';

import './globals.css';

// Replaces the root layout when the layout itself fails, so it renders its own document.
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="fr">
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <title>Erreur · Console de gouvernance</title>
        <main className="mx-auto max-w-3xl px-6 py-16 sm:py-24">
          <div role="alert">
            <h1 className="text-3xl font-semibold tracking-tight">La console n’a pas pu démarrer</h1>
            <p className="mt-4 text-lg text-slate-700">Réessayez dans un instant.</p>
          </div>
          <button
            type="button"
            onClick={() => retry()}
            className="mt-8 inline-flex rounded-md bg-sky-800 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-900"
          >
            Réessayer
          </button>
        </main>
      </body>
    </html>
  );
}
