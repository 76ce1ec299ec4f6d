import { sectionPageMessages } from '@/components/ui/messages';
import { defineMessages } from '@/lib/i18n/messages';

/** The strings the notification page's client components read (lib/i18n/messages.ts), and what its segment hands the browser. */

export const preferencesFormMessages = defineMessages({
  notifications: [
    'email',
    'emailEnabled',
    'emailAddress',
    'noEmail',
    'minSeverity',
    'minSeverityHelp',
    'minSeverityNone',
    'minSeverityFrom',
    'digest',
    'digestNone',
    'digestDaily',
    'digestWeekly',
    'webhookUrl',
    'webhookUrlHelp',
    'webhookUrlInvalid',
    'save',
    'saving',
    'saved',
  ],
  severity: ['CRITICAL', 'WARN', 'INFO'],
  errors: ['network'],
});

export const webhookSecretMessages = defineMessages({
  notifications: [
    'secretLabel',
    'showSecret',
    'hideSecret',
    'rotateSecret',
    'rotateConfirm',
    'rotateConfirmButton',
    'rotated',
    'noSecret',
    'cancel',
  ],
  errors: ['network'],
});

export const deadlineFormsMessages = defineMessages({
  notifications: [
    'ackWithin',
    'resolveWithin',
    'unit',
    'unitMinLong',
    'unitHLong',
    'unitDLong',
    'emptyMeansNone',
    'saveDeadline',
    'saving',
    'deadlineSaved',
    'ackInvalid',
    'resolveInvalid',
    'resolveBeforeAck',
  ],
  severity: ['CRITICAL', 'WARN', 'INFO'],
  errors: ['network'],
});

export const notificationsClientMessages = [
  sectionPageMessages.notifications,
  preferencesFormMessages,
  webhookSecretMessages,
  deadlineFormsMessages,
];
