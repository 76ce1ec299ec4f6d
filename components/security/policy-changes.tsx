import { GitCompareArrows } from 'lucide-react';
import { EmptyState } from '@/components/integrity/empty-state';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { Pill, type PillTone } from '@/components/ui/pill';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate, plural } from '@/lib/i18n/format';
import type { PolicyChange, PolicyState, Snapshot } from '@/lib/security/schemas';

const changeTones: Record<PolicyChange['change'], PillTone> = { added: 'emerald', removed: 'red', modified: 'amber' };

function State({ state, dict }: { state: PolicyState | null; dict: Dictionary }) {
  if (!state) return <span className="text-slate-500">{dict.common.none}</span>;
  return (
    <dl className="space-y-0.5 text-xs">
      <div className="flex gap-1">
        <dt className="text-slate-600">{dict.security.command} :</dt>
        <dd className="font-mono">
          {state.command}
          {state.permissive ? '' : ' (restrictive)'}
        </dd>
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
  timeZone,
}: {
  changes: PolicyChange[];
  snapshots: Snapshot[];
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  const [latest, previous] = snapshots;
  return (
    <Card title={dict.security.changes} titleId="security-changes-title">
      <div data-testid="security-policy-changes">
        {latest ? (
          <p className="mb-3 text-sm text-slate-700">
            {previous
              ? interpolate(dict.security.changesSince, {
                  latest: formatDateTime(latest.takenAt, locale, timeZone),
                  previous: formatDateTime(previous.takenAt, locale, timeZone),
                })
              : null}{' '}
            <span className="text-slate-600">
              {interpolate(dict.security.lastConfirmed, {
                time: formatDateTime(latest.lastConfirmedAt, locale, timeZone),
                policies: plural(dict.security.policyCount, latest.policyCount, locale),
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
              policies: plural(dict.security.policyCount, latest.policyCount, locale),
              latest: formatDateTime(latest.takenAt, locale, timeZone),
            })}
          />
        ) : changes.length === 0 ? (
          <EmptyState icon={GitCompareArrows} message={dict.security.noChanges} tone="good" />
        ) : (
          <DataTable
            caption={dict.security.changesCaption}
            columns={[dict.security.change, dict.security.policy, dict.security.before, dict.security.after]}
            className="min-w-[40rem]"
            bodyClassName="align-top"
          >
            {changes.map((row) => (
              <tr key={`${row.schemaName}.${row.tableName}.${row.policyName}`} data-change={row.change} data-policy={row.policyName}>
                <td className="px-4 py-2.5 sm:px-5">
                  <Pill tone={changeTones[row.change]}>{dict.security.changeKinds[row.change]}</Pill>
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
          </DataTable>
        )}
      </div>
    </Card>
  );
}
