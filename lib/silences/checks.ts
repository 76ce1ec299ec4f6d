import 'server-only';
import { checkEntry, isCheckCode, type CheckFamily } from '@/lib/checks/catalogue';

/**
 * The families whose checks concern a depot's objects: only they can be silenced (the platform's
 * checks — drift, security, the watchdog — concern tables, policies and accounts, which no silence
 * can name).
 */
export const SILENCEABLE_FAMILIES: readonly CheckFamily[] = ['stock', 'movements', 'freshness'];

/** Whether a code is a check a silence can cover. */
export function isSilenceableCheck(code: string): boolean {
  return isCheckCode(code) && SILENCEABLE_FAMILIES.includes(checkEntry(code).family);
}
