/**
 * Resolving an alert the way the directeurs do, for tests that clean up after themselves (the
 * database tests and the browser tests alike, hence no test runner's `expect` here): the directeur
 * resolves it and, when it is CRITICAL and still detected (four-eyes: the resolution became a
 * request), the second directeur countersigns. Either way the alert ends RESOLVED, or this throws —
 * so no test leaves an alert pending for the next one.
 */
import { secondDirecteur, signedIn } from './clients';
import { mustReadAlert } from './db';

export async function resolveAsDirecteurs(alertId: string, note: string): Promise<void> {
  const directeur = await signedIn('directeur');
  const { data, error } = await directeur.client
    .from('system_alerts')
    .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: note })
    .eq('id', alertId)
    .select('status');
  if (error || data?.length !== 1) throw new Error(`resolving ${alertId} failed: ${error?.message ?? 'no row changed'}`);
  if (data[0]!.status !== 'RESOLVED') {
    const countersigned = await (
      await secondDirecteur()
    ).client.rpc('countersign_resolution', {
      p_alert_id: alertId,
      p_approve: true,
      p_note: null,
      p_expected_requested_at: (await mustReadAlert(alertId)).resolution_requested_at!.toISOString(),
    });
    if (countersigned.error) throw new Error(`countersigning ${alertId} failed: ${countersigned.error.message}`);
  }
  const status = (await mustReadAlert(alertId)).status;
  if (status !== 'RESOLVED') throw new Error(`alert ${alertId} is ${status} after its resolution`);
}
