import { PageHeader } from '@/components/ui/page-header';
import { LoadingFrame, PanelSkeleton, Skeleton, SkeletonRows } from '@/components/ui/skeleton';
import { getI18n } from '@/lib/i18n/server';

function Panel({ rows }: { rows: number }) {
  return (
    <PanelSkeleton>
      <SkeletonRows count={rows} className="h-8 w-full" />
    </PanelSkeleton>
  );
}

/**
 * A governance page of panels and tables, while it loads (versions, security, notifications, deliveries). A server
 * component: a skeleton needs no JavaScript in the browser.
 */
export async function PanelsPageSkeleton({
  section,
}: {
  section: 'versions' | 'security' | 'notifications' | 'deliveries' | 'silences';
}) {
  const { dict } = await getI18n();
  return (
    <LoadingFrame label={dict.common.loading} className="space-y-6">
      <PageHeader title={dict[section].title} intro={<Skeleton className="mt-2 h-4 w-full max-w-xl" />} />
      <div className="grid gap-4 md:grid-cols-2">
        <Panel rows={2} />
        <Panel rows={2} />
      </div>
      <Panel rows={3} />
      <Panel rows={4} />
    </LoadingFrame>
  );
}
