'use client';

import { useEffect } from 'react';

/**
 * For an error boundary: logs the error in the browser's console once, and returns the digest the
 * server gave it (the reference a user can quote; the server's log has the rest), if any.
 */
export function useReportedError(error: unknown): string | undefined {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined;
}
