import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getAlert } from '@/lib/alerts/get-alert';

/**
 * IMPORTANT: "not found" is decided here, above this segment's loading boundary, so a missing
 * alert answers HTTP 404 before streaming starts (a page under `loading.tsx` could only say 200).
 */
export default async function AlertLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await getAlert(id))) notFound();
  return children;
}
