'use client';

import { Download, LoaderCircle } from 'lucide-react';
import { useState } from 'react';
import { toast } from '@/components/ui/toaster';
import { buttonClass } from '@/components/ui/button';
import { alertFiltersToQuery, type AlertFilters } from '@/lib/alerts/rules';
import { useI18n } from '@/lib/i18n/client';
import { API_ROUTES } from '@/lib/routes';
import { alertExportMessages } from './messages';

/**
 * « Exporter en CSV »: the list's filters, every page, as a file. A link (it works without script);
 * with script, fetched first so a refusal (too many alerts, session over) is a message on the page
 * rather than a JSON file in the downloads.
 */
export function AlertExportButton({ filters }: { filters: AlertFilters }) {
  const { dict } = useI18n(alertExportMessages);
  const [busy, setBusy] = useState(false);
  const href = `${API_ROUTES.alertsExport}${alertFiltersToQuery({ ...filters, cursor: undefined, group: undefined })}`;

  async function download() {
    setBusy(true);
    try {
      const response = await fetch(href, { headers: { Accept: 'text/csv' } });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        toast.error(body?.message ?? dict.alerts.exportFailed);
        return;
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'alertes.csv';
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      URL.revokeObjectURL(url);
    } catch {
      toast.error(dict.alerts.exportFailed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <a
      href={href}
      onClick={(event) => {
        event.preventDefault();
        if (!busy) void download();
      }}
      aria-busy={busy}
      title={dict.alerts.exportCsvHint}
      className={buttonClass('secondary')}
      data-testid="alerts-export"
    >
      {busy ? (
        <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />
      ) : (
        <Download aria-hidden="true" className="size-4" />
      )}
      {dict.alerts.exportCsv}
    </a>
  );
}
