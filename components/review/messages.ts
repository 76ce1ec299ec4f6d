import { defineMessages } from '@/lib/i18n/messages';

/** What the review page's client parts read (the attestation form). */
export const attestFormMessages = defineMessages({
  review: ['attestComment', 'attestButton', 'attestDone'],
  errors: ['network', 'unexpected'],
});
