import 'server-only';
import { z } from 'zod';
import { getPublicEnv } from '@/lib/env';
import { createClient } from '@/lib/supabase/server';
import { probeAnon, type ProbeResult } from './anon-probe';
import {
  byLevel,
  exposedRelationSchema,
  findingSchema,
  policyChangeSchema,
  snapshotSchema,
  type Finding,
  type PolicyChange,
  type Snapshot,
} from './schemas';

export type SecurityPageData = {
  findings: Finding[];
  changes: PolicyChange[];
  /** The latest snapshot and the one before it, newest first (0, 1 or 2 of them). */
  snapshots: Snapshot[];
  probe: ProbeResult[];
  generatedAt: string;
};

function fail(what: string, error: { code?: string } | null, cause?: unknown): never {
  throw new Error(`${what} failed (${error?.code ?? 'unexpected shape'})`, { cause: cause ?? error });
}

/**
 * Everything the security posture page shows. The findings, the policy changes and the list of
 * exposed relations are read through the viewer's session (governance roles only, enforced by the
 * database); then the server runs the anon probe — the public anon key, no session — against each
 * relation. IMPORTANT: this probe's result is shown, not recorded (recording it would need a write
 * by a read-only viewer): the scheduled probe (./scheduled-probe.ts, on the sync's timer) is the
 * one that records, under the service role, and opens SEC_ANON_PROBE_ROWS.
 */
export async function getSecurityPageData(): Promise<SecurityPageData> {
  const supabase = await createClient();
  const [findingsResult, changesResult, snapshotsResult, relationsResult] = await Promise.all([
    supabase.rpc('security_posture_findings'),
    supabase.from('v_policy_changes').select('change, schema_name, table_name, policy_name, before, after'),
    supabase
      .from('policy_snapshots')
      .select('id, taken_at, last_confirmed_at, policy_count')
      .order('taken_at', { ascending: false })
      .order('id', { ascending: false })
      .limit(2),
    supabase.rpc('exposed_relations'),
  ]);
  if (findingsResult.error) fail('security_posture_findings', findingsResult.error);
  if (changesResult.error) fail('v_policy_changes', changesResult.error);
  if (snapshotsResult.error) fail('policy_snapshots', snapshotsResult.error);
  if (relationsResult.error) fail('exposed_relations', relationsResult.error);

  const findings = z.array(findingSchema).safeParse(findingsResult.data);
  const changes = z.array(policyChangeSchema).safeParse(changesResult.data);
  const snapshots = z.array(snapshotSchema).safeParse(snapshotsResult.data);
  const relations = z.array(exposedRelationSchema).safeParse(relationsResult.data);
  if (!findings.success) fail('security_posture_findings', null, findings.error);
  if (!changes.success) fail('v_policy_changes', null, changes.error);
  if (!snapshots.success) fail('policy_snapshots', null, snapshots.error);
  if (!relations.success) fail('exposed_relations', null, relations.error);

  const env = getPublicEnv();
  const probe = await probeAnon({
    url: env.NEXT_PUBLIC_SUPABASE_URL,
    anonKey: env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
    relations: relations.data,
  });

  const changeOrder = { removed: 0, modified: 1, added: 2 } as const;
  return {
    findings: findings.data.sort(byLevel),
    changes: changes.data.sort(
      (a, b) =>
        changeOrder[a.change] - changeOrder[b.change] ||
        a.tableName.localeCompare(b.tableName) ||
        a.policyName.localeCompare(b.policyName),
    ),
    snapshots: snapshots.data,
    probe: probe.sort((a, b) => Number(b.outcome === 'rows') - Number(a.outcome === 'rows') || a.name.localeCompare(b.name)),
    generatedAt: new Date().toISOString(),
  };
}
