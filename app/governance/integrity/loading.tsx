import { IntegritySkeleton } from '@/components/integrity/integrity-skeleton';

export default function IntegrityLoading() {
  return <IntegritySkeleton />;
}
