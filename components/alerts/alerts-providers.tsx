'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Toaster } from '@/components/ui/toaster';

/**
 * Client-side context of the alert pages (the list and the detail): the query cache that keeps the
 * list live, and the toasts that report actions. Only these pages use them, so only their
 * JavaScript carries TanStack Query and sonner; the cache lives as long as the user stays on them.
 */
export function AlertsProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: 1 },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}
