import { ShieldCheck } from 'lucide-react';
import { checkLabel } from '@/components/integrity/checks-table';
import { EmptyState } from '@/components/integrity/empty-state';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import type { Finding } from '@/lib/security/schemas';
import { LevelBadge } from './level-badge';

/** Every finding: level, rule, object, what is wrong (in French, from the database) and the fix. */
export function FindingsTable({ findings, dict }: { findings: Finding[]; dict: Dictionary }) {
  return (
    <Card title={dict.security.findings} titleId="security-findings-title">
      <div data-testid="security-findings">
        <DataTable
          caption={dict.security.findingsCaption}
          empty={<EmptyState icon={ShieldCheck} message={dict.security.noFindings} tone="good" />}
          columns={[dict.security.level, dict.security.rule, dict.security.detail, dict.security.remediation]}
          className="min-w-[44rem]"
          bodyClassName="align-top"
        >
          {findings.map((finding) => (
            <tr
              key={`${finding.checkCode}:${finding.objectName}`}
              data-check={finding.checkCode}
              data-object={finding.objectName}
              data-level={finding.level}
            >
              <td className="px-4 py-2.5 sm:px-5">
                <LevelBadge level={finding.level} dict={dict} />
              </td>
              <th scope="row" className="px-2 py-2.5 font-normal">
                <span className="block font-medium text-slate-900">{checkLabel(finding.checkCode, dict)}</span>
                <code className="block text-xs text-slate-600">{finding.lint}</code>
                <code className="mt-1 block text-xs font-semibold text-slate-900 [overflow-wrap:anywhere]">{finding.objectName}</code>
              </th>
              <td className="px-2 py-2.5 text-slate-800">
                <span lang="fr">{finding.detail}</span>
              </td>
              <td className="px-4 py-2.5 sm:px-5">
                <code lang="fr" className="block rounded bg-slate-100 px-2 py-1 text-xs text-slate-900 [overflow-wrap:anywhere]">
                  {finding.remediation}
                </code>
                {finding.docs ? (
                  <a
                    href={finding.docs}
                    className="mt-1 inline-block text-xs font-medium text-sky-800 underline hover:text-sky-900"
                    rel="noreferrer noopener"
                    target="_blank"
                  >
                    {dict.security.docs}
                  </a>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      </div>
    </Card>
  );
}
