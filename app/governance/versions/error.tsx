'use client';

import { VersionsError } from '@/components/versions/versions-error';

export default function VersionsErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <VersionsError error={error} retry={retry} />;
}
