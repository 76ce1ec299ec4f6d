'use client';

import type { RowSelectionState } from '@tanstack/react-table';
import { CheckCheck, LoaderCircle, RefreshCw, ShieldCheck, TriangleAlert } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { KeysetPagination } from '@/components/ui/keyset-pagination';
import { PageHeader } from '@/components/ui/page-header';
import type { Permission } from '@/lib/auth/permissions';
import { entityLabel, shortId } from '@/lib/alerts/labels';
import type { AlertGroup, AlertListRow, AlertPage } from '@/lib/alerts/queries';
import { canBeAcknowledged, canBeSelected } from '@/lib/alerts/vocabulary';
import { alertFiltersToQuery, entityRef, type AlertFilters } from '@/lib/alerts/rules';
import { useAlertList } from '@/lib/alerts/use-alert-list';
import { useI18n } from '@/lib/i18n/client';
import { formatTime, interpolate, plural } from '@/lib/i18n/format';
import { ROUTES } from '@/lib/routes';
import { useHydrated } from '@/lib/use-hydrated';
import type { DepotOption } from '@/lib/depots/queries';
import { AlertExportButton } from './alert-export-button';
import { AlertFilterBar } from './alert-filter-bar';
import { AlertNoteDialog, type NoteDialogSubmit, type NoteDialogTarget } from './alert-note-dialog';
import { AlertCards } from './alert-cards';
import { AlertGroups } from './alert-groups';
import { alertCardAnchorId, alertRowAnchorId } from './alert-row-parts';
import { AlertTable } from './alert-table';
import { AlertsEmpty } from './alerts-empty';
import { ReadOnlyNotice } from './read-only-notice';
import { useAlertActions } from './use-alert-actions';
import { alertListMessages } from './messages';

/** The alert's link in whichever of the card and the table row is on screen. */
function shownAnchor(id: string): HTMLElement | null {
  const card = document.getElementById(alertCardAnchorId(id));
  return card && card.getClientRects().length > 0 ? card : document.getElementById(alertRowAnchorId(id));
}

/**
 * The alert list page's live part: filters, the table (cards below `lg`), refreshed every 30 s
 * while the tab is visible, selection and bulk acknowledge, row actions, sync. Starts from the page
 * the server rendered; `permissions` only hides controls — the actions and the database decide.
 */
export function AlertList({
  filters,
  initialPage,
  fetchedAt,
  groups,
  permissions,
  userName,
  depots,
}: {
  filters: AlertFilters;
  /** The depots the user sees (the depot filter's choices). */
  depots: readonly DepotOption[];
  initialPage: AlertPage;
  fetchedAt: number;
  /** Grouped (`?group=`): the groups the server read; the flat list is then neither shown nor refreshed. */
  groups?: { groups: AlertGroup[]; more: boolean } | undefined;
  permissions: Permission[];
  userName: string;
}) {
  const { dict, locale, timeZone } = useI18n(alertListMessages);
  const router = useRouter();
  const [navigating, startNavigation] = useTransition();
  const query = useAlertList(filters, initialPage, fetchedAt, { enabled: !groups });
  const entity = entityRef(filters.entity);
  const page = query.data;

  const canAcknowledge = permissions.includes('alerts:acknowledge');
  const canResolve = permissions.includes('alerts:resolve');
  const canSync = permissions.includes('alerts:sync');
  const readOnly = !canAcknowledge && !canResolve;

  const hydrated = useHydrated();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [dialog, setDialog] = useState<NoteDialogTarget | null>(null);

  const { submitNote, sync } = useAlertActions({ userName, optimistic: true });

  // Only rows still on screen and still selectable count as selected (a refresh may have changed
  // them); acknowledging takes the OPEN ones among them, resolving all of them.
  const can = { acknowledge: canAcknowledge, resolve: canResolve };
  const selectedRows = page.rows.filter((row) => canBeSelected(row.status, can) && rowSelection[row.id]);
  const selectedIds = selectedRows.map((row) => row.id);
  const acknowledgeIds = selectedRows.filter((row) => canBeAcknowledged(row.status)).map((row) => row.id);

  const navigate = useCallback((href: string) => startNavigation(() => router.push(href)), [router]);
  const openAcknowledge = useCallback(
    (row: AlertListRow) => setDialog({ kind: 'acknowledge', id: row.id, message: row.message }),
    [setDialog],
  );
  const openResolve = useCallback(
    (row: AlertListRow) =>
      setDialog({
        kind: 'resolve',
        id: row.id,
        message: row.message,
        stillDetected: !row.cleared_at,
        fourEyes: row.severity === 'CRITICAL' && !row.cleared_at,
      }),
    [setDialog],
  );

  const submit: NoteDialogSubmit = async (target, values) => {
    const failure = await submitNote(target, values);
    if (!failure && (target.kind === 'bulk' || target.kind === 'bulkResolve')) setRowSelection({});
    return failure;
  };

  const refreshing = query.isFetching || navigating;
  const listProps = {
    rows: page.rows,
    canAcknowledge,
    canResolve,
    rowSelection,
    onRowSelectionChange: setRowSelection,
    onAcknowledge: openAcknowledge,
    onResolve: openResolve,
  };

  return (
    <div className="space-y-4" data-testid="alerts-page" data-interactive={hydrated}>
      <PageHeader
        title={dict.alerts.title}
        intro={dict.alerts.intro}
        actions={
          <>
            <p className="flex items-center gap-1.5 text-sm text-slate-600" data-testid="alerts-refresh-state">
              {refreshing ? (
                <>
                  <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />
                  {dict.alerts.refreshing}
                </>
              ) : (
                interpolate(dict.common.lastUpdated, { time: formatTime(new Date(query.dataUpdatedAt), locale, timeZone) })
              )}
            </p>
            <AlertExportButton filters={filters} />
            {canSync ? (
              <Button variant="secondary" onClick={() => sync.mutate()} disabled={sync.isPending} data-testid="sync-button">
                <RefreshCw aria-hidden="true" className={`size-4 ${sync.isPending ? 'animate-spin motion-reduce:animate-none' : ''}`} />
                {sync.isPending ? dict.actions.syncing : dict.actions.sync}
              </Button>
            ) : null}
          </>
        }
      />

      {readOnly ? <ReadOnlyNotice message={dict.alerts.readOnly} /> : null}

      {query.isError ? (
        <p
          role="status"
          className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-inset ring-amber-300"
        >
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {dict.alerts.refreshFailed}
        </p>
      ) : null}

      <AlertFilterBar filters={filters} depots={depots} onNavigate={navigate} />

      {entity ? (
        <p className="flex flex-wrap items-center gap-3 text-sm text-slate-800" data-testid="alerts-entity-filter">
          <span className="break-all">
            {interpolate(dict.alerts.entityFilter, { type: entityLabel(dict, entity.type), id: shortId(entity.id) })}
          </span>
          <Link
            href={`${ROUTES.alerts}${alertFiltersToQuery({ ...filters, entity: undefined, cursor: undefined })}`}
            className="font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950"
          >
            {dict.alerts.entityFilterClear}
          </Link>
        </p>
      ) : null}

      {selectedIds.length > 0 ? (
        <div
          className="flex flex-wrap items-center gap-3 rounded-md bg-sky-50 px-3 py-2 ring-1 ring-inset ring-sky-200"
          data-testid="alerts-selection-bar"
        >
          <p className="text-sm font-medium text-sky-950" aria-live="polite">
            {plural(dict.alerts.selected, selectedIds.length, locale)}
          </p>
          {canAcknowledge ? (
            <Button
              size="sm"
              onClick={() => setDialog({ kind: 'bulk', ids: acknowledgeIds })}
              disabled={acknowledgeIds.length === 0}
              data-testid="bulk-ack-button"
            >
              <CheckCheck aria-hidden="true" className="size-4" />
              {dict.actions.acknowledgeSelected}
            </Button>
          ) : null}
          {canResolve ? (
            <Button
              size="sm"
              onClick={() =>
                setDialog({
                  kind: 'bulkResolve',
                  ids: selectedIds,
                  stillDetected: selectedRows.filter((row) => !row.cleared_at).length,
                  fourEyes: selectedRows.filter((row) => !row.cleared_at && row.severity === 'CRITICAL').length,
                })
              }
              data-testid="bulk-resolve-button"
            >
              <ShieldCheck aria-hidden="true" className="size-4" />
              {dict.actions.resolveSelected}
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" onClick={() => setRowSelection({})}>
            {dict.actions.clearSelection}
          </Button>
        </div>
      ) : null}

      <div aria-busy={refreshing || undefined}>
        {groups ? (
          groups.groups.length > 0 ? (
            <AlertGroups groups={groups.groups} more={groups.more} filters={filters} />
          ) : (
            <AlertsEmpty filters={filters} />
          )
        ) : page.rows.length > 0 ? (
          <>
            {/* Cards on a phone or a tablet, the table from `lg` up (narrower, it would scroll sideways):
                both rendered, CSS shows one, so the server's HTML is already right. */}
            <div className="lg:hidden">
              <AlertCards {...listProps} />
            </div>
            <div className="hidden lg:block">
              <AlertTable {...listProps} />
            </div>
          </>
        ) : (
          <AlertsEmpty filters={filters} />
        )}
      </div>

      {groups ? null : (
        <KeysetPagination
          labels={dict.alerts}
          firstHref={filters.cursor ? `${ROUTES.alerts}${alertFiltersToQuery({ ...filters, cursor: undefined })}` : null}
          nextHref={page.nextCursor ? `${ROUTES.alerts}${alertFiltersToQuery({ ...filters, cursor: page.nextCursor })}` : null}
          testIdPrefix="alerts"
        />
      )}

      <AlertNoteDialog
        target={dialog}
        onClose={() => setDialog(null)}
        onSubmit={submit}
        returnFocus={(target) => (target.kind === 'bulk' || target.kind === 'bulkResolve' ? null : shownAnchor(target.id))}
      />
    </div>
  );
}
