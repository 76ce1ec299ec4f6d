import type { ReactNode } from 'react';
import { WithMessages } from '@/components/layout/with-messages';
import { sectionPageMessages } from '@/components/ui/messages';

/** The strings of the runbook pages' error state (the runbooks themselves render on the server). */
export default function RunbooksLayout({ children }: { children: ReactNode }) {
  return <WithMessages specs={[sectionPageMessages.runbooks]}>{children}</WithMessages>;
}
