import Link from 'next/link';
import { isCheckCode } from '@/lib/checks/catalogue';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { interpolate } from '@/lib/i18n/format';
import { checkRunbookPath } from '@/lib/routes';

/**
 * A check code as a link to its runbook. Its accessible name says where it leads (« Guide du
 * contrôle STOCK_NEGATIF »), not the bare code. A code without a runbook (a database newer than
 * this console) stays plain text rather than lead to a 404.
 */
export function CheckCodeLink({ code, dict, className = '' }: { code: string; dict: Pick<Dictionary, 'runbooks'>; className?: string }) {
  if (!isCheckCode(code)) return <code className={`text-xs text-slate-600 [overflow-wrap:anywhere] ${className}`}>{code}</code>;
  const name = interpolate(dict.runbooks.guideFor, { code });
  return (
    <Link
      href={checkRunbookPath(code)}
      aria-label={name}
      title={name}
      data-testid="check-runbook-link"
      className={`rounded-sm text-xs text-sky-800 underline decoration-sky-800/40 underline-offset-2 [overflow-wrap:anywhere] hover:decoration-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800 ${className}`}
    >
      <code>{code}</code>
    </Link>
  );
}
