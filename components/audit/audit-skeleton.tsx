import { PageHeader } from '@/components/ui/page-header';
import { LoadingFrame, Skeleton } from '@/components/ui/skeleton';
import { getI18n } from '@/lib/i18n/server';

/** The audit page's shape while it loads: chain panel, filters, export, table rows (no JavaScript). */
export async function AuditSkeleton() {
  const { dict } = await getI18n();
  return (
    <LoadingFrame label={dict.common.loading} className="space-y-6" testId="audit-loading">
      <PageHeader title={dict.audit.title} intro={<Skeleton className="mt-2 h-4 w-full max-w-2xl" />} />
      <Skeleton className="h-24 w-full rounded-lg" />
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {Array.from({ length: 5 }, (_, index) => (
            <div key={index} className="space-y-2">
              <Skeleton className="h-3 w-20" />
              <Skeleton className="h-8 w-full" />
            </div>
          ))}
        </div>
      </div>
      <Skeleton className="h-28 w-full rounded-lg" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <Skeleton className="h-6 w-full" />
        {Array.from({ length: 8 }, (_, index) => (
          <Skeleton key={index} className="h-10 w-full" />
        ))}
      </div>
    </LoadingFrame>
  );
}
