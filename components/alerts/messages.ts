import { alertMutationMessages } from '@/lib/alerts/messages';
import { defineMessages } from '@/lib/i18n/messages';

/**
 * The strings the alert pages' client components read (lib/i18n/messages.ts), one spec per
 * component, and what each alert segment hands the browser.
 */

export const alertsErrorMessages = defineMessages({
  error: ['title', 'body', 'reference'],
  common: ['retry'],
  notFound: ['backToAlerts'],
});

export const clearedMarkerMessages = defineMessages({ alerts: ['cleared', 'clearedAt'] });

export const snoozedMarkerMessages = defineMessages({ alerts: ['snoozedPill'] });

export const silencedMarkerMessages = defineMessages({ alerts: ['silencedPill'] });

export const countersignMarkerMessages = defineMessages({ alerts: ['awaitingCountersign'] });

export const alertCountersignControlMessages = defineMessages({
  actions: [
    'countersign',
    'countersignHint',
    'countersignNoteLabel',
    'reject',
    'rejectHint',
    'countersigned',
    'rejected',
    'submitting',
    'noteCount',
  ],
  errors: ['countersignNoteRequired', 'noteTooLong', 'unexpected'],
});

export const deadlinePillMessages = defineMessages({
  alerts: ['deadlineAck', 'deadlineResolve', 'deadlineLeft', 'deadlineOverdue', 'deadlineDue'],
});

export const noteDialogMessages = defineMessages({
  actions: [
    'acknowledge',
    'acknowledgeSelected',
    'acknowledgeSelectedHint',
    'acknowledgeSelectedTitle',
    'acknowledgeTitle',
    'note',
    'noteCount',
    'notePlaceholder',
    'resolutionNote',
    'resolve',
    'resolveAnyway',
    'resolveAnywayWarning',
    'fourEyesWarning',
    'fourEyesSelected',
    'resolveTitle',
    'resolveSelected',
    'resolveSelectedTitle',
    'resolveSelectedHint',
    'resolveSelectedAnyway',
    'submitting',
  ],
  alerts: ['reasons', 'resolutionReason'],
  common: ['cancel', 'required'],
  // The dialog's own checks name their message by key (lib/alerts/validate.ts).
  errors: true,
});

export const alertActionsMessages = defineMessages({
  actions: [
    'acknowledged',
    'acknowledgedMany',
    'acknowledgedPartly',
    'acknowledgedDone',
    'alreadyHandled',
    'resolved',
    'resolvedMany',
    'outcomeSeparator',
    'resolvedDone',
    'stillDetectedLeft',
    'awaitingCountersignLeft',
    'resolutionRequested',
    'syncDone',
    'syncOpened',
    'syncRefreshed',
    'syncCleared',
  ],
  errors: ['unexpected'],
});

export const alertDetailActionsMessages = defineMessages({ actions: ['acknowledge', 'resolve'] });

export const alertCommentFormMessages = defineMessages({
  alerts: ['commentLabel', 'commentPlaceholder', 'commentHint'],
  actions: ['comment', 'commented', 'submitting', 'noteCount'],
  errors: ['commentRequired', 'commentTooLong', 'unexpected'],
});

export const alertAssigneeControlMessages = defineMessages({
  alerts: ['assignLabel', 'nobody'],
  actions: ['assign', 'assigned', 'submitting'],
  errors: ['unexpected'],
  roles: true,
});

export const alertSnoozeControlMessages = defineMessages({
  alerts: ['snoozedPill', 'snoozedBy', 'snoozeHint', 'snoozeUntilLabel', 'snoozeReasonLabel', 'snoozeReasonPlaceholder', 'notSnoozed'],
  actions: ['snooze', 'snoozed', 'endSnooze', 'snoozeEnded', 'submitting'],
  errors: ['unexpected', 'snoozeUntilInvalid', 'snoozeReasonRequired', 'snoozeReasonTooLong'],
});

export const alertExportMessages = defineMessages({
  alerts: ['exportCsv', 'exportCsvHint', 'exportFailed'],
});

export const alertListMessages = defineMessages({
  alerts: [
    'title',
    'intro',
    'refreshing',
    'readOnly',
    'refreshFailed',
    'selected',
    'pagination',
    'firstPage',
    'next',
    'moreAfter',
    'lastPage',
    'entityFilter',
    'entityFilterClear',
  ],
  common: ['lastUpdated'],
  entities: true,
  actions: ['sync', 'syncing', 'acknowledgeSelected', 'resolveSelected', 'clearSelection'],
});

export const alertFilterBarMessages = defineMessages({
  alerts: [
    'filters',
    'status',
    'active',
    'statusOpen',
    'statusAck',
    'statusResolved',
    'statusAll',
    'severity',
    'severityAll',
    'check',
    'checkAll',
    'sort',
    'sortRecent',
    'sortOldest',
    'sortSeverity',
    'search',
    'searchPlaceholder',
    'apply',
    'reset',
    'mine',
    'mineHint',
    'snoozedFilter',
    'snoozedFilterHint',
    'silencedFilter',
    'silencedFilterHint',
    'countersignFilter',
    'countersignFilterHint',
    'group',
    'groupNone',
    'groupByCheck',
    'groupByEntity',
    'depot',
    'depotAll',
  ],
  severity: true,
  checks: true,
});

export const alertTableMessages = defineMessages({
  alerts: [
    'tableCaption',
    'select',
    'selectAll',
    'severity',
    'check',
    'columnAlert',
    'status',
    'columnSeen',
    'firstSeenShort',
    'lastSeenShort',
    'columnHandling',
    'columnActions',
    'notHandled',
    'acknowledgedBy',
    'resolvedBy',
    'resolutionReason',
    'reasons',
    'reasonUnspecified',
    'recurrence',
    'columnAssignee',
    'nobody',
    'platformScope',
  ],
  actions: ['acknowledge', 'resolve'],
  errors: ['someone'],
  severity: true,
  status: true,
  checks: true,
  entities: true,
});

export const alertsEmptyMessages = defineMessages({
  alerts: ['empty', 'emptyAll', 'emptyAllHint', 'emptyHint', 'emptyPage', 'firstPage', 'reset'],
});

/** Both alert pages: their error state, the note dialog and the actions behind it. */
export const alertsClientMessages = [
  alertsErrorMessages,
  clearedMarkerMessages,
  snoozedMarkerMessages,
  silencedMarkerMessages,
  countersignMarkerMessages,
  deadlinePillMessages,
  noteDialogMessages,
  alertActionsMessages,
  alertMutationMessages,
  alertDetailActionsMessages,
  alertCommentFormMessages,
  alertAssigneeControlMessages,
  alertSnoozeControlMessages,
  alertCountersignControlMessages,
];

/** The list page, besides: the list, its filters, its table and its empty states. */
export const alertGroupsMessages = defineMessages({
  alerts: ['groupCount', 'groupsMore', 'groupLatest', 'groupSeeAll', 'alertCount', 'refreshing', 'refreshFailed'],
  severity: true,
  status: true,
  checks: true,
  entities: true,
});

export const alertListClientMessages = [
  alertListMessages,
  alertExportMessages,
  alertFilterBarMessages,
  alertTableMessages,
  alertsEmptyMessages,
  alertGroupsMessages,
];
