'use client';

import { Skeleton } from '@/components/ui/skeleton';
import { useI18n } from '@/lib/i18n/client';

function PanelSkeleton({ className = '', children }: { className?: string; children: React.ReactNode }) {
  return (
    <div className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      <Skeleton className="mb-4 h-5 w-48" />
      {children}
    </div>
  );
}

function TileSkeletons({ count, className }: { count: number; className: string }) {
  return (
    <div className={`grid gap-3 ${className}`}>
      {Array.from({ length: count }, (_, index) => (
        <Skeleton key={index} className="h-24" />
      ))}
    </div>
  );
}

/** The integrity overview's shape while its figures load: same grid, same panels. */
export function IntegritySkeleton() {
  const { dict } = useI18n();
  return (
    <div aria-busy="true" className="space-y-6">
      <p role="status" className="sr-only">
        {dict.common.loading}
      </p>
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{dict.integrity.title}</h1>
        <Skeleton className="mt-2 h-4 w-full max-w-xl" />
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <PanelSkeleton>
          <TileSkeletons count={3} className="sm:grid-cols-3" />
        </PanelSkeleton>
        <PanelSkeleton>
          <TileSkeletons count={3} className="sm:grid-cols-3" />
        </PanelSkeleton>
      </div>
      <div className="grid gap-4 lg:grid-cols-5">
        <PanelSkeleton className="lg:col-span-2">
          <TileSkeletons count={2} className="sm:grid-cols-2 lg:grid-cols-1" />
        </PanelSkeleton>
        <PanelSkeleton className="lg:col-span-3">
          <Skeleton className="h-[260px] w-full" />
        </PanelSkeleton>
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-5">
        <PanelSkeleton className="lg:col-span-2">
          <div className="space-y-3">
            {Array.from({ length: 5 }, (_, index) => (
              <Skeleton key={index} className="h-8 w-full" />
            ))}
          </div>
        </PanelSkeleton>
        <PanelSkeleton className="lg:col-span-3">
          <div className="space-y-5">
            {Array.from({ length: 3 }, (_, index) => (
              <div key={index} className="space-y-2">
                <Skeleton className="h-5 w-64" />
                <Skeleton className="h-4 w-full" />
                <Skeleton className="h-16 w-full" />
              </div>
            ))}
          </div>
        </PanelSkeleton>
      </div>
    </div>
  );
}
