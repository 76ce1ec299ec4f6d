import type { ReactNode } from 'react';
import { WithMessages } from '@/components/layout/with-messages';
import { sectionPageMessages } from '@/components/ui/messages';

/** The strings of the page's error state (its other components render on the server). */
export default function VersionsLayout({ children }: { children: ReactNode }) {
  return <WithMessages specs={[sectionPageMessages.versions]}>{children}</WithMessages>;
}
