import { defineMessages } from '@/lib/i18n/messages';

/** The sign-in form's strings (lib/i18n/messages.ts); the sign-in page hands the browser these. */
export const signInFormMessages = defineMessages({ auth: ['email', 'password', 'submit', 'submitting'] });
