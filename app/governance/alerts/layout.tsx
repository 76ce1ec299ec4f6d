import type { ReactNode } from 'react';
import { Toaster } from '@/components/ui/toaster';

/** The alert pages report their actions with toasts (the other pages have none). */
export default function AlertsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <Toaster />
    </>
  );
}
