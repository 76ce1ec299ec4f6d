import type { ReactNode } from 'react';
import { WithMessages } from '@/components/layout/with-messages';
import { sectionPageMessages } from '@/components/ui/messages';

/** The strings of the page's error state (its other components render on the server). */
export default function AuditLayout({ children }: { children: ReactNode }) {
  return <WithMessages specs={[sectionPageMessages.audit]}>{children}</WithMessages>;
}
