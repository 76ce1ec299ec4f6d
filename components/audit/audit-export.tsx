import { FileJson, FileSpreadsheet } from 'lucide-react';
import { buttonClass } from '@/components/ui/button';
import { auditFiltersToQuery, EXPORT_SCOPE_ALL, type AuditFilters } from '@/lib/audit/filters';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { API_ROUTES } from '@/lib/routes';

/**
 * The current filters (not the page cursor) as a CSV or JSON Lines download, the whole ledger
 * likewise, and how to re-verify one.
 */
export function AuditExport({ filters, dict }: { filters: AuditFilters; dict: Dictionary }) {
  const exportFilters = { ...filters, before: undefined };
  return (
    <section
      aria-labelledby="audit-export-title"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:flex-row lg:items-start lg:justify-between lg:gap-6"
      data-testid="audit-export"
    >
      <div className="max-w-3xl min-w-0">
        <h2 id="audit-export-title" className="text-base font-semibold text-slate-900">
          {dict.audit.exportTitle}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{dict.audit.exportIntro}</p>
        <p className="mt-2 text-sm text-slate-700">
          {dict.audit.verifyHint}{' '}
          <code className="rounded bg-slate-100 box-decoration-clone px-1.5 py-0.5 font-mono text-xs text-slate-900 sm:whitespace-nowrap">
            {dict.audit.verifyCommand}
          </code>
        </p>
        <p className="mt-1 text-xs text-slate-600">{dict.audit.verifyResult}</p>
        <p className="mt-3 text-sm text-slate-700">
          {dict.audit.exportAll}{' '}
          <a
            href={`${API_ROUTES.auditExport}?format=csv&scope=${EXPORT_SCOPE_ALL}`}
            download
            className="font-medium text-slate-900 underline underline-offset-2"
            data-testid="audit-export-all-csv"
          >
            {dict.audit.exportAllCsv}
          </a>
          {' · '}
          <a
            href={`${API_ROUTES.auditExport}?format=jsonl&scope=${EXPORT_SCOPE_ALL}`}
            download
            className="font-medium text-slate-900 underline underline-offset-2"
            data-testid="audit-export-all-json"
          >
            {dict.audit.exportAllJson}
          </a>
        </p>
        <p className="mt-1 text-xs text-slate-600">{dict.audit.exportAllHint}</p>
      </div>
      <div className="flex shrink-0 flex-wrap gap-2">
        {/* Plain links: the route handler answers with an attachment, never a page. */}
        <a
          href={`${API_ROUTES.auditExport}${auditFiltersToQuery(exportFilters, { format: 'csv' })}`}
          download
          className={buttonClass('secondary')}
          data-testid="audit-export-csv"
        >
          <FileSpreadsheet aria-hidden="true" className="size-4" />
          {dict.audit.exportCsv}
        </a>
        <a
          href={`${API_ROUTES.auditExport}${auditFiltersToQuery(exportFilters, { format: 'jsonl' })}`}
          download
          className={buttonClass('primary')}
          data-testid="audit-export-json"
        >
          <FileJson aria-hidden="true" className="size-4" />
          {dict.audit.exportJson}
        </a>
      </div>
    </section>
  );
}
