import { VersionsSkeleton } from '@/components/versions/versions-skeleton';

export default function VersionsLoading() {
  return <VersionsSkeleton />;
}
