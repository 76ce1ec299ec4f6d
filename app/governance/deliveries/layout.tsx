import type { ReactNode } from 'react';
import { WithMessages } from '@/components/layout/with-messages';
import { deliveriesClientMessages } from '@/components/deliveries/messages';

/** The strings of the retry button and of the page's error state. */
export default function DeliveriesLayout({ children }: { children: ReactNode }) {
  return <WithMessages specs={deliveriesClientMessages}>{children}</WithMessages>;
}
