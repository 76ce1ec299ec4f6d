import { PanelsPageSkeleton } from '@/components/ui/panels-page-skeleton';

export default function Loading() {
  return <PanelsPageSkeleton section="silences" />;
}
