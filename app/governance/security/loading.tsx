import { SecuritySkeleton } from '@/components/security/security-skeleton';

export default function SecurityLoading() {
  return <SecuritySkeleton />;
}
