import type { Dictionary } from '@/lib/i18n/dictionaries';
import { isResolutionReason } from './vocabulary';

/** How the alert pages name things: codes the dictionary knows get their label, others show as-is. */

export function checkLabel(dict: Pick<Dictionary, 'checks'>, code: string): string {
  return Object.hasOwn(dict.checks, code) ? dict.checks[code as keyof Dictionary['checks']] : code;
}

export function entityLabel(dict: Pick<Dictionary, 'entities'>, type: string): string {
  return Object.hasOwn(dict.entities, type) ? dict.entities[type as keyof Dictionary['entities']] : type;
}

/** A resolution reason in the user's words; « Non précisé » for alerts resolved before reasons existed. */
export function resolutionReasonLabel(
  reason: string | null | undefined,
  words: Pick<Dictionary['alerts'], 'reasons' | 'reasonUnspecified'>,
): string {
  return isResolutionReason(reason) ? words.reasons[reason] : words.reasonUnspecified;
}

/** The check codes offered by the filter: every code the dictionary names, plus the current one. */
export function checkOptions(dict: Pick<Dictionary, 'checks'>, current?: string): { code: string; label: string }[] {
  const codes = Object.keys(dict.checks);
  if (current && !codes.includes(current)) codes.push(current);
  return codes.map((code) => ({ code, label: checkLabel(dict, code) }));
}

/** A UUID's first and last four digits (« c100…0008 »): enough to tell objects apart on screen. */
export function shortId(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}
