import { AlertDetailSkeleton } from '@/components/alerts/alerts-skeletons';

export default function Loading() {
  return <AlertDetailSkeleton />;
}
