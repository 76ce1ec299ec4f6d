import { LoadingFrame, Skeleton } from '@/components/ui/skeleton';
import { getI18n } from '@/lib/i18n/server';

/** The alert list while its first page loads: the same frame, grey blocks for the rows (no JavaScript). */
export async function AlertListSkeleton() {
  const { dict } = await getI18n();
  return (
    <LoadingFrame label={dict.common.loading} className="space-y-4">
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="h-24 w-full rounded-lg" />
      <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <Skeleton className="mb-3 h-6 w-full" />
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} className="flex items-center gap-4 border-t border-slate-100 py-3">
            <Skeleton className="h-5 w-20 rounded-full" />
            <Skeleton className="hidden h-5 w-32 lg:block" />
            <div className="flex-1 space-y-2">
              <Skeleton className="h-3 w-32" />
              <Skeleton className="h-4 w-full" />
            </div>
            <Skeleton className="h-5 w-20 rounded-full" />
            <Skeleton className="h-4 w-24" />
            <Skeleton className="hidden h-7 w-24 lg:block" />
          </div>
        ))}
      </div>
    </LoadingFrame>
  );
}

/** One alert while it loads. */
export async function AlertDetailSkeleton() {
  const { dict } = await getI18n();
  return (
    <LoadingFrame label={dict.common.loading} className="space-y-5">
      <Skeleton className="h-4 w-36" />
      <div className="space-y-3">
        <div className="flex gap-2">
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="h-5 w-20 rounded-full" />
        </div>
        <Skeleton className="h-8 w-80 max-w-full" />
        <Skeleton className="h-5 w-full max-w-3xl" />
      </div>
      <div className="grid gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:col-span-2">
          <Skeleton className="h-64 w-full rounded-lg" />
          <Skeleton className="h-40 w-full rounded-lg" />
        </div>
        <Skeleton className="h-80 w-full rounded-lg" />
      </div>
    </LoadingFrame>
  );
}
