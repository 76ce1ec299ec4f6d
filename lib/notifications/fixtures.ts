import { parseClaim, type DeliveryClaim } from './claim.ts';

/**
 * Claims shaped as private.claim_delivery returns them, for the channel tests (unit and database).
 * A Standard Webhooks secret is `whsec_` and base64 of at least 24 random bytes.
 */
export const TEST_WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

type RawClaim = Record<string, unknown>;

export function rawAlertClaim(overrides: RawClaim = {}): RawClaim {
  return {
    id: '5a7c2c1e-3f5b-4a53-9d3e-2f4b8c9d0e1f',
    channel: 'email',
    kind: 'alert',
    attempt: 1,
    recipient: { user_id: '00000000-0000-4000-8000-000000000001', email: 'admin@depot.test', name: 'Awa Koné', role: 'admin' },
    webhook: null,
    event: { id: 42, type: 'opened', occurred_at: '2026-12-02T02:00:00.000+00:00', details: { to_status: 'OPEN' } },
    alert: {
      id: '78ddc489-c200-48e8-ae2d-95f8286b5229',
      check_code: 'STOCK_NEGATIF',
      severity: 'CRITICAL',
      status: 'OPEN',
      message: 'Citerne T05 (Super sans plomb) : stock négatif au 02/12/2026 — ambiant -1 250 L',
      details: { citerne: 'T05', produit: 'Super sans plomb', date_jour: '2026-12-02', stock_ambiant: -1250, stock_15c: -1236.4 },
      entity_type: 'citerne',
      entity_id: 'c1000000-0000-4000-8000-000000000005',
      first_seen_at: '2026-12-02T02:00:00.000+00:00',
      ack_due_at: '2026-12-02T02:15:00.000+00:00',
      resolve_due_at: '2026-12-03T02:00:00.000+00:00',
    },
    digest: null,
    console_path: '/governance/alerts/78ddc489-c200-48e8-ae2d-95f8286b5229',
    ...overrides,
  };
}

export function alertClaim(overrides: RawClaim = {}): DeliveryClaim {
  return parseClaim(rawAlertClaim(overrides));
}

export function webhookClaim(url: string, overrides: RawClaim = {}): DeliveryClaim {
  return alertClaim({ channel: 'webhook', webhook: { url, secret: TEST_WEBHOOK_SECRET }, ...overrides });
}

export function digestClaim(overrides: RawClaim = {}): DeliveryClaim {
  return parseClaim(
    rawAlertClaim({
      kind: 'digest',
      event: null,
      alert: null,
      recipient: { user_id: '00000000-0000-4000-8000-000000000003', email: 'pca@depot.test', name: 'Marie-Claire Diallo', role: 'pca' },
      digest: {
        period: 'weekly',
        since: '2026-11-23T06:00:00+00:00',
        until: '2026-11-30T06:00:00+00:00',
        alerts: [
          {
            id: '0691c6b8-87c3-4459-9eb7-910d50ca97f8',
            check_code: 'CDR_ARRIVE_STALE',
            severity: 'WARN',
            status: 'ACK',
            message: 'Camion 8184-LZ-CI arrivé, non déchargé',
            first_seen_at: '2026-11-25T10:00:00+00:00',
          },
          {
            id: '78ddc489-c200-48e8-ae2d-95f8286b5229',
            check_code: 'STOCK_NEGATIF',
            severity: 'CRITICAL',
            status: 'OPEN',
            message: 'Citerne T05 : stock négatif',
            first_seen_at: '2026-11-24T08:00:00+00:00',
          },
        ],
        escalated: [
          {
            id: '45406139-8716-41ba-af2f-c0fe1e3d346a',
            check_code: 'FEED_SILENT',
            severity: 'CRITICAL',
            status: 'ACK',
            message: 'Dépôt BOUAKE : aucune activité',
            level: 'resolve',
            due_at: '2026-11-26T09:00:00+00:00',
          },
        ],
        opened_count: 2,
        still_open_count: 7,
      },
      console_path: '/governance/alerts',
      ...overrides,
    }),
  );
}
