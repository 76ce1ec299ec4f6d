'use client';

import dynamic from 'next/dynamic';

/**
 * Toasts, with sonner loaded after the page is interactive rather than before: nothing is shown
 * until the user acts, so it need not weigh on the first load. sonner's store hands toasts raised
 * before its Toaster subscribed to the Toaster when it does, so none is lost.
 */
const SonnerToaster = dynamic(() => import('sonner').then((module) => module.Toaster), { ssr: false });

export function Toaster() {
  return <SonnerToaster position="top-right" richColors closeButton />;
}

type Kind = 'success' | 'warning' | 'error';

function show(kind: Kind, message: string) {
  void import('sonner').then((module) => module.toast[kind](message));
}

export const toast = {
  success: (message: string) => show('success', message),
  warning: (message: string) => show('warning', message),
  error: (message: string) => show('error', message),
};
