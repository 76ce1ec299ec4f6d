import { Suspense } from 'react';
import { ApiStatus, ApiStatusSkeleton } from '@/components/health/api-status';

export default function HomePage() {
  return (
    <main id="contenu" className="mx-auto flex max-w-3xl flex-col gap-10 px-6 py-16 sm:py-24">
      <header>
        <p className="text-sm font-medium uppercase tracking-wider text-sky-800">Dépôt pétrolier</p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight sm:text-4xl">Console de gouvernance</h1>
        <p className="mt-4 max-w-2xl text-lg leading-relaxed text-slate-700">
          La console surveille l’intégrité des données du dépôt, lève des alertes et garde la trace de
          qui les a prises en compte puis résolues.
        </p>
      </header>

      <section
        aria-labelledby="etat-du-service"
        className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="etat-du-service" className="text-base font-semibold">
          État du service
        </h2>
        <div className="mt-3">
          <Suspense fallback={<ApiStatusSkeleton />}>
            <ApiStatus />
          </Suspense>
        </div>
      </section>
    </main>
  );
}
