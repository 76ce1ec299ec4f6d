import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { catalogueByFamily } from '@/lib/checks/catalogue';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { checkRunbookPath } from '@/lib/routes';

/** Every check code by family, each linking to its runbook, with the database object that computes the family. */
export function RunbookIndex({ dict, locale }: { dict: Dictionary; locale: Locale }) {
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2" data-testid="runbook-index">
      {catalogueByFamily(locale).map((family) => (
        <Card key={family.family} title={family.label} titleId={`runbooks-${family.family}`}>
          <p className="-mt-2 mb-3 text-xs text-slate-600">
            {dict.runbooks.computedBy} <code className="[overflow-wrap:anywhere]">{family.source}</code>
          </p>
          <ul className="divide-y divide-slate-100">
            {family.checks.map((check) => (
              <li key={check.code} className="py-2 first:pt-0 last:pb-0" data-check={check.code}>
                <Link
                  href={checkRunbookPath(check.code)}
                  className="group block rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
                >
                  <span className="block font-medium text-sky-800 underline-offset-2 group-hover:underline">{check.label}</span>
                  <code className="block text-xs text-slate-600 [overflow-wrap:anywhere]">{check.code}</code>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </div>
  );
}
