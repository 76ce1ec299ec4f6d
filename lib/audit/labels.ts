import { isRole } from '@/lib/auth/permissions';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { AUDIT_EVENT_TYPES, type AuditEventType } from './filters';

/** How the audit page names ledger values: known codes get their label, others show as stored. */
export function isAuditEventType(value: unknown): value is AuditEventType {
  return typeof value === 'string' && (AUDIT_EVENT_TYPES as readonly string[]).includes(value);
}

export function eventTypeLabel(dict: Dictionary, type: string): string {
  return isAuditEventType(type) ? dict.audit.eventTypes[type] : type;
}

export function roleLabel(dict: Dictionary, role: string | null): string | null {
  if (!role || role === 'system') return null;
  return isRole(role) ? dict.roles[role] : role;
}

/** The database's reason for a broken chain (English, from verify_alert_event_chain), in the viewer's words. */
export function chainReasonLabel(dict: Dictionary, reason: string | null): string {
  if (!reason) return dict.common.none;
  if (reason.startsWith('prev_hash')) return dict.audit.chainReasons.prevHash;
  if (reason.startsWith('hash')) return dict.audit.chainReasons.hash;
  return reason;
}

/** The first characters of a hash: enough to compare two rows by eye. */
export function shortHash(hash: string, length = 10): string {
  return hash.slice(0, length);
}
