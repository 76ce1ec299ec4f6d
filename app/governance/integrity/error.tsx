'use client';

import { IntegrityError } from '@/components/integrity/integrity-error';

export default function IntegrityErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <IntegrityError error={error} retry={retry} />;
}
