'use client';

import { SectionError } from '@/components/ui/section-error';

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <SectionError section="silences" error={error} retry={retry} />;
}
