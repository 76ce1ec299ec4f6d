import { Webhook } from 'standardwebhooks';
import { assertPublicHost } from './network.ts';
import { UndeliverableError, type DeliveryClaim } from './claim.ts';

/**
 * The webhook channel: one JSON POST per delivery, signed per the Standard Webhooks specification
 * (standardwebhooks.com) with the `standardwebhooks` package — the scheme Supabase's own auth hooks
 * use. Headers: `webhook-id` (the delivery's id: the same on every retry, so a receiver drops
 * duplicates), `webhook-timestamp` (seconds, this attempt) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the recipient's `whsec_…` secret).
 * Only http(s) URLs; redirects are not followed (a 3xx is a failure: a receiver that moved must be
 * updated, not guessed); no answer within the timeout or any status but 2xx fails the attempt.
 */
export type WebhookPayload = {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
};

/** The event's name for receivers: `alert.opened`, `alert.escalated`, … or `digest.daily|weekly`. */
export function webhookEventType(claim: DeliveryClaim): string {
  if (claim.kind === 'digest') return `digest.${claim.digest?.period ?? 'daily'}`;
  if (claim.kind === 'escalation') return 'alert.escalated';
  return `alert.${claim.event?.type ?? 'opened'}`;
}

export function buildWebhookPayload(claim: DeliveryClaim, consoleBase: string, now: Date): WebhookPayload {
  const url = `${consoleBase}${claim.console_path}`;
  const data: Record<string, unknown> = {
    delivery_id: claim.id,
    kind: claim.kind,
    recipient: { user_id: claim.recipient.user_id, role: claim.recipient.role ?? null },
    url,
  };
  if (claim.alert) data.alert = { ...claim.alert, url };
  if (claim.event) data.event = claim.event;
  if (claim.digest) {
    data.digest = {
      ...claim.digest,
      alerts: claim.digest.alerts.map((alert) => ({ ...alert, url: `${consoleBase}/governance/alerts/${alert.id}` })),
    };
  }
  return { type: webhookEventType(claim), timestamp: claim.event?.occurred_at ?? now.toISOString(), data };
}

/** The three Standard Webhooks headers for this body, signed now. */
export function signWebhook(secret: string, id: string, body: string, at: Date): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

/** A webhook URL the worker will call, or an error saying why not. */
export function checkWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UndeliverableError('adresse de webhook invalide');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UndeliverableError(`adresse de webhook refusée : protocole ${url.protocol} (http ou https seulement)`);
  if (url.username || url.password) throw new UndeliverableError('adresse de webhook refusée : identifiants dans l’URL');
  return url;
}

/** Sends one delivery's webhook; resolves on a 2xx answer, throws with the reason otherwise. */
export async function postWebhook(
  claim: DeliveryClaim,
  options: { consoleBase: string; timeoutMs: number; userAgent: string; allowPrivateNetworks: boolean; now?: () => Date },
): Promise<{ status: number }> {
  if (!claim.webhook) throw new UndeliverableError('webhook delivery without a webhook address');
  const url = checkWebhookUrl(claim.webhook.url);
  await assertPublicHost(url, options.allowPrivateNetworks);
  const now = options.now ?? (() => new Date());
  const body = JSON.stringify(buildWebhookPayload(claim, options.consoleBase, now()));
  const headers = {
    'content-type': 'application/json',
    'user-agent': options.userAgent,
    ...signWebhook(claim.webhook.secret, claim.id, body, now()),
  };
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new Error(`webhook : pas de réponse en ${options.timeoutMs} ms`);
    }
    const cause =
      error instanceof Error && error.cause instanceof Error
        ? error.cause.message
        : error instanceof Error
          ? error.message
          : String(error);
    throw new Error(`webhook : ${cause}`);
  }
  // The body is not used; reading it (bounded by the timeout) frees the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { status: response.status };
  if (response.status >= 300 && response.status < 400) {
    throw new Error(
      `webhook : redirection ${response.status} non suivie${response.headers.get('location') ? ` (vers ${response.headers.get('location')})` : ''}`,
    );
  }
  throw new Error(`webhook : réponse HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
}
