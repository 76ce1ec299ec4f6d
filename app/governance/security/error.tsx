'use client';

import { SecurityError } from '@/components/security/security-error';

export default function SecurityErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <SecurityError error={error} retry={retry} />;
}
