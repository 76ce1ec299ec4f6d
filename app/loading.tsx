export default function Loading() {
  return (
    <main id="contenu" className="mx-auto max-w-3xl px-6 py-16 sm:py-24" aria-busy="true">
      <p role="status" className="sr-only">
        Chargement…
      </p>
      <div aria-hidden="true" className="animate-pulse space-y-4 motion-reduce:animate-none">
        <div className="h-4 w-32 rounded bg-slate-200" />
        <div className="h-9 w-2/3 rounded bg-slate-200" />
        <div className="h-5 w-full rounded bg-slate-200" />
        <div className="h-5 w-5/6 rounded bg-slate-200" />
        <div className="mt-10 h-24 w-full rounded-lg bg-slate-200" />
      </div>
    </main>
  );
}
