'use client';

import { CircleAlert, RotateCw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { useReportedError } from '@/components/ui/use-reported-error';
import { sectionPageMessages, type SectionPage } from '@/components/ui/messages';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';

/**
 * A governance page could not load: say so inside the console's frame, under the page's own title,
 * with a retry that reads it again (the segment's error.tsx renders it).
 */
export function SectionError({ section, error, retry }: { section: SectionPage; error: unknown; retry: () => void }) {
  const { dict } = useI18n(sectionPageMessages[section]);
  // The spec names the page's own section: its title and load error are there.
  const page = (dict as unknown as Record<SectionPage, { title: string; loadError: string }>)[section];
  const digest = useReportedError(error);
  return (
    <div className="space-y-6" data-testid={`${section}-error`}>
      <PageHeader title={page.title} />
      <div className="rounded-lg border border-red-200 bg-white p-6 shadow-sm">
        <div role="alert" className="flex items-start gap-3">
          <CircleAlert aria-hidden="true" className="mt-0.5 size-6 shrink-0 text-red-700" />
          <div>
            <h2 className="text-base font-semibold text-slate-900">{dict.error.title}</h2>
            <p className="mt-1 text-sm text-slate-700">{page.loadError}</p>
            {digest ? <p className="mt-2 text-xs text-slate-600">{interpolate(dict.error.reference, { digest })}</p> : null}
          </div>
        </div>
        <Button className="mt-5" onClick={() => retry()}>
          <RotateCw aria-hidden="true" className="size-4" />
          {dict.common.retry}
        </Button>
      </div>
    </div>
  );
}
