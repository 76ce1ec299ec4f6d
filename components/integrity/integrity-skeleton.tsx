import { PageHeader } from '@/components/ui/page-header';
import { LoadingFrame, PanelSkeleton, Skeleton, SkeletonRows } from '@/components/ui/skeleton';
import { getI18n } from '@/lib/i18n/server';

function TileSkeletons({ count, className }: { count: number; className: string }) {
  return (
    <div className={`grid gap-3 ${className}`}>
      {Array.from({ length: count }, (_, index) => (
        <Skeleton key={index} className="h-24" />
      ))}
    </div>
  );
}

/** The integrity overview's shape while its figures load: same grid, same panels (no JavaScript). */
export async function IntegritySkeleton() {
  const { dict } = await getI18n();
  return (
    <LoadingFrame label={dict.common.loading} className="space-y-6">
      <PageHeader title={dict.integrity.title} intro={<Skeleton className="mt-2 h-4 w-full max-w-xl" />} />
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
          <SkeletonRows count={5} className="h-8 w-full" />
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
    </LoadingFrame>
  );
}
