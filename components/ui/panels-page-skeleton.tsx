'use client';

import { Skeleton } from '@/components/ui/skeleton';
import { useI18n } from '@/lib/i18n/client';

function Panel({ rows, className = '' }: { rows: number; className?: string }) {
  return (
    <div className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      <Skeleton className="mb-4 h-5 w-48" />
      <div className="space-y-3">
        {Array.from({ length: rows }, (_, index) => (
          <Skeleton key={index} className="h-8 w-full" />
        ))}
      </div>
    </div>
  );
}

/** A governance page of panels and tables, while it loads (the versions and security pages). */
export function PanelsPageSkeleton({ section }: { section: 'versions' | 'security' }) {
  const { dict } = useI18n();
  return (
    <div aria-busy="true" className="space-y-6">
      <p role="status" className="sr-only">
        {dict.common.loading}
      </p>
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{dict[section].title}</h1>
        <Skeleton className="mt-2 h-4 w-full max-w-xl" />
      </header>
      <div className="grid gap-4 md:grid-cols-2">
        <Panel rows={2} />
        <Panel rows={2} />
      </div>
      <Panel rows={3} />
      <Panel rows={4} />
    </div>
  );
}
