import type { ReactNode } from 'react';
import { WithMessages } from '@/components/layout/with-messages';
import { silencesClientMessages } from '@/components/silences/messages';

/** The strings of the silence form, the end button and the page's error state. */
export default function SilencesLayout({ children }: { children: ReactNode }) {
  return <WithMessages specs={silencesClientMessages}>{children}</WithMessages>;
}
