'use client';

import { AuditError } from '@/components/audit/audit-error';

export default function AuditErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <AuditError error={error} retry={retry} />;
}
