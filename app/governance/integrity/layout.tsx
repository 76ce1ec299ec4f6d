import type { ReactNode } from 'react';
import { integrityClientMessages } from '@/components/integrity/messages';
import { WithMessages } from '@/components/layout/with-messages';

/** The strings of the page's error state and trend chart. */
export default function IntegrityLayout({ children }: { children: ReactNode }) {
  return <WithMessages specs={integrityClientMessages}>{children}</WithMessages>;
}
