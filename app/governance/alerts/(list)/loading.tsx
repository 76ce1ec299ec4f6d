import { AlertListSkeleton } from '@/components/alerts/alerts-skeletons';

export default function Loading() {
  return <AlertListSkeleton />;
}
