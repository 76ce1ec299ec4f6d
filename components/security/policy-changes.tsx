import { GitCompareArrows } from 'lucide-react';
import { EmptyState } from '@/components/integrity/empty-state';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, formatNumber, interpolate } from '@/lib/i18n/format';
import type { PolicyChange, PolicyState, Snapshot } from '@/lib/security/schemas';

const changeStyles: Record<PolicyChange['change'], string> = {
  added: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  removed: 'bg-red-100 text-red-900 ring-red-300',
  modified: 'bg-amber-100 text-amber-900 ring-amber-300',
};

function State({ state, dict }: { state: PolicyState | null; dict: Dictionary }) {
  if (!state) return <span className="text-slate-500">{dict.common.none}</span>;
  return (
    <dl className="space-y-0.5 text-xs">
      <div className="flex gap-1">
        <dt className="text-slate-600">{dict.security.command} :</dt>
        <dd className="font-mono">{state.command}{state.permissive ? '' : ' (restrictive)'}</dd>
      </div>
      <div className="flex gap-1">
        <dt className="text-slate-600">{dict.security.roles} :</dt>
        <dd className={`font-mono ${state.roles.includes('public') || state.roles.includes('anon') ? 'font-semibold text-red-800' : ''}`}>
          {state.roles.join(', ')}
        </dd>
      </div>
      {state.qual ? <dd className="font-mono [overflow-wrap:anywhere]">using ({state.qual})</dd> : null}
      {state.withCheck ? <dd className="font-mono [overflow-wrap:anywhere]">with check ({state.withCheck})</dd> : null}
    </dl>
  );
}

/** What changed in the policy set between the two latest snapshots (taken by the sync). */
export function PolicyChanges({
  changes,
  snapshots,
  dict,
  locale,
}: {
  changes: PolicyChange[];
  snapshots: Snapshot[];
  dict: Dictionary;
  locale: Locale;
}) {
  const [latest, previous] = snapshots;
  return (
    <Card title={dict.security.changes} titleId="security-changes-title">
      <div data-testid="security-policy-changes">
        {latest ? (
          <p className="mb-3 text-sm text-slate-700">
            {previous
              ? interpolate(dict.security.changesSince, {
                  latest: formatDateTime(latest.takenAt, locale),
                  previous: formatDateTime(previous.takenAt, locale),
                })
              : null}{' '}
            <span className="text-slate-600">
              {interpolate(dict.security.lastConfirmed, {
                time: formatDateTime(latest.lastConfirmedAt, locale),
                count: formatNumber(latest.policyCount, locale),
              })}
            </span>
          </p>
        ) : null}
        {!latest ? (
          <EmptyState icon={GitCompareArrows} message={dict.security.noSnapshot} />
        ) : !previous ? (
          <EmptyState
            icon={GitCompareArrows}
            message={interpolate(dict.security.onlyOneSnapshot, {
              count: formatNumber(latest.policyCount, locale),
              latest: formatDateTime(latest.takenAt, locale),
            })}
          />
        ) : changes.length === 0 ? (
          <EmptyState icon={GitCompareArrows} message={dict.security.noChanges} tone="good" />
        ) : (
          <div className="-mx-4 overflow-x-auto sm:-mx-5">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">{dict.security.changesCaption}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                  <th scope="col" className="px-4 py-2 font-semibold sm:px-5">
                    {dict.security.change}
                  </th>
                  <th scope="col" className="px-2 py-2 font-semibold">
                    {dict.security.policy}
                  </th>
                  <th scope="col" className="px-2 py-2 font-semibold">
                    {dict.security.before}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold sm:px-5">
                    {dict.security.after}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {changes.map((row) => (
                  <tr key={`${row.schemaName}.${row.tableName}.${row.policyName}`} data-change={row.change} data-policy={row.policyName}>
                    <td className="px-4 py-2.5 sm:px-5">
                      <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${changeStyles[row.change]}`}>
                        {dict.security.changeKinds[row.change]}
                      </span>
                    </td>
                    <th scope="row" className="px-2 py-2.5 font-normal">
                      <code className="block text-xs font-semibold text-slate-900 [overflow-wrap:anywhere]">{row.policyName}</code>
                      <code className="block text-xs text-slate-600">
                        {row.schemaName}.{row.tableName}
                      </code>
                    </th>
                    <td className="px-2 py-2.5">
                      <State state={row.before} dict={dict} />
                    </td>
                    <td className="px-4 py-2.5 sm:px-5">
                      <State state={row.after} dict={dict} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Card>
  );
}
