import { sectionPageMessages } from '@/components/ui/messages';
import { defineMessages } from '@/lib/i18n/messages';

/** The strings the delivery page's client components read (lib/i18n/messages.ts), and what its segment hands the browser. */

export const retryDeliveryMessages = defineMessages({
  deliveries: ['retry', 'retrying', 'retried'],
  errors: ['network'],
});

export const deliveriesClientMessages = [sectionPageMessages.deliveries, retryDeliveryMessages];
