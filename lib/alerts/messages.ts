import { defineMessages } from '@/lib/i18n/messages';

/** The alert mutations' own fallbacks (./use-alert-mutations.ts): a refused or failed call. */
export const alertMutationMessages = defineMessages({ errors: ['unexpected', 'network'] });
