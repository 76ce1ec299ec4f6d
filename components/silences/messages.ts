import { sectionPageMessages } from '@/components/ui/messages';
import { defineMessages } from '@/lib/i18n/messages';

/** The strings the silences page's client components read (lib/i18n/messages.ts), and what its segment hands the browser. */

export const silenceFormMessages = defineMessages({
  silences: [
    'check',
    'chooseCheck',
    'entity',
    'chooseEntity',
    'depots',
    'tanks',
    'trucks',
    'startsAt',
    'startsAtHelp',
    'endsAt',
    'reason',
    'reasonPlaceholder',
    'create',
    'creating',
    'created',
  ],
  errors: [
    'network',
    'silenceCheckInvalid',
    'silenceEntityInvalid',
    'silenceReasonRequired',
    'silenceReasonTooLong',
    'silenceEndsInvalid',
  ],
});

export const endSilenceMessages = defineMessages({
  silences: ['end', 'ending', 'ended'],
  errors: ['network'],
});

export const silencesClientMessages = [sectionPageMessages.silences, silenceFormMessages, endSilenceMessages];
