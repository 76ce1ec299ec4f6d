import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UndeliverableError } from './claim';
import { TEST_WEBHOOK_SECRET, alertClaim, digestClaim, webhookClaim } from './fixtures';
import { isPrivateAddress } from './network';
import { buildWebhookPayload, checkWebhookUrl, postWebhook, signWebhook, webhookEventType } from './webhook';

const base = 'https://console.depot.example';

describe('webhook signature (Standard Webhooks)', () => {
  it('verifies with the standardwebhooks package and the recipient’s secret', () => {
    const body = JSON.stringify(buildWebhookPayload(webhookClaim('https://hooks.example/x'), base, new Date()));
    const headers = signWebhook(TEST_WEBHOOK_SECRET, 'msg_1', body, new Date());
    expect(Object.keys(headers).sort()).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp']);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(TEST_WEBHOOK_SECRET).verify(body, headers) as { type: string };
    expect(verified.type).toBe('alert.opened');
  });

  it('fails verification for a changed body, another secret or an old timestamp', () => {
    const body = JSON.stringify({ type: 'alert.opened', data: { n: 1 } });
    const headers = signWebhook(TEST_WEBHOOK_SECRET, 'msg_2', body, new Date());
    expect(() => new Webhook(TEST_WEBHOOK_SECRET).verify(body.replace('1', '2'), headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook('whsec_' + Buffer.from('another secret of 24 bytes').toString('base64')).verify(body, headers)).toThrow(
      WebhookVerificationError,
    );
    const old = signWebhook(TEST_WEBHOOK_SECRET, 'msg_2', body, new Date(Date.now() - 10 * 60_000));
    expect(() => new Webhook(TEST_WEBHOOK_SECRET).verify(body, old)).toThrow(/too old/);
  });
});

describe('webhook payload', () => {
  it('names the event and carries the alert with its link', () => {
    const payload = buildWebhookPayload(webhookClaim('https://hooks.example/x'), base, new Date('2026-12-02T03:00:00Z'));
    expect(payload.type).toBe('alert.opened');
    expect(payload.timestamp).toBe('2026-12-02T02:00:00.000+00:00');
    expect(payload.data).toMatchObject({
      delivery_id: '5a7c2c1e-3f5b-4a53-9d3e-2f4b8c9d0e1f',
      kind: 'alert',
      url: `${base}/governance/alerts/78ddc489-c200-48e8-ae2d-95f8286b5229`,
      alert: { check_code: 'STOCK_NEGATIF', severity: 'CRITICAL', details: { stock_ambiant: -1250 } },
      event: { id: '42', type: 'opened' },
    });
    // The secret never travels in the payload.
    expect(JSON.stringify(payload)).not.toContain(TEST_WEBHOOK_SECRET.slice(6));
  });

  it('names escalations and digests', () => {
    expect(
      webhookEventType(alertClaim({ kind: 'escalation', event: { id: 1, type: 'escalated', occurred_at: '2026-12-02T00:00:00Z' } })),
    ).toBe('alert.escalated');
    expect(webhookEventType(digestClaim())).toBe('digest.weekly');
    const digest = buildWebhookPayload(digestClaim(), base, new Date('2026-12-02T03:00:00Z'));
    expect(digest.timestamp).toBe('2026-12-02T03:00:00.000Z');
    expect((digest.data.digest as { alerts: { url: string }[] }).alerts[0]!.url).toBe(
      `${base}/governance/alerts/0691c6b8-87c3-4459-9eb7-910d50ca97f8`,
    );
  });

  it('accepts only http and https addresses, without credentials', () => {
    expect(checkWebhookUrl('https://hooks.example/a').href).toBe('https://hooks.example/a');
    expect(checkWebhookUrl('http://127.0.0.1:9000/a').port).toBe('9000');
    expect(() => checkWebhookUrl('ftp://hooks.example/a')).toThrow(/protocole ftp: \(http ou https seulement\)/);
    expect(() => checkWebhookUrl('file:///etc/passwd')).toThrow(/protocole file:/);
    expect(() => checkWebhookUrl('javascript:alert(1)')).toThrow(/protocole javascript:/);
    expect(() => checkWebhookUrl('https://user:pw@hooks.example/a')).toThrow(/identifiants/);
    expect(() => checkWebhookUrl('not a url')).toThrow(/invalide/);
    // No retry could change that: the worker fails such a delivery at once.
    expect(() => checkWebhookUrl('ftp://hooks.example/a')).toThrow(UndeliverableError);
  });
});

describe('webhook delivery over HTTP', () => {
  type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
  const received: Received[] = [];
  let server: http.Server;
  let origin = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body });
        if (req.url === '/ok') return void res.writeHead(204).end();
        if (req.url === '/fail') return void res.writeHead(500, 'Internal Server Error').end('boom');
        if (req.url === '/moved') return void res.writeHead(302, { location: `${origin}/ok` }).end();
        if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end(), 2_000);
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // The receiver is on the loopback: allowed here as in `npm run dev` and the tests.
  const options = { consoleBase: base, timeoutMs: 1_000, userAgent: 'test', allowPrivateNetworks: true };

  it('refuses, without sending anything, a receiver on the machine or a private network unless allowed', async () => {
    const before = received.length;
    const guarded = { ...options, allowPrivateNetworks: false };
    for (const url of [
      `${origin}/ok`,
      'http://localhost:9/x',
      'http://[::1]:9/x',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/x',
      'http://[::ffff:127.0.0.1]:9/x',
    ]) {
      await expect(postWebhook(webhookClaim(url), guarded), url).rejects.toThrow(/adresse privée ou locale/);
    }
    await expect(postWebhook(webhookClaim(`${origin}/ok`), guarded)).rejects.toBeInstanceOf(UndeliverableError);
    expect(received.length).toBe(before);
  });

  it('POSTs signed JSON that the receiver verifies', async () => {
    await expect(postWebhook(webhookClaim(`${origin}/ok`), options)).resolves.toEqual({ status: 204 });
    const last = received.at(-1)!;
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers['webhook-id']).toBe('5a7c2c1e-3f5b-4a53-9d3e-2f4b8c9d0e1f');
    const payload = new Webhook(TEST_WEBHOOK_SECRET).verify(last.body, last.headers as Record<string, string>) as { type: string };
    expect(payload.type).toBe('alert.opened');
  });

  it('fails on a non-2xx answer, naming the status', async () => {
    await expect(postWebhook(webhookClaim(`${origin}/fail`), options)).rejects.toThrow(
      'webhook : réponse HTTP 500 Internal Server Error',
    );
  });

  it('does not follow a redirect', async () => {
    const before = received.length;
    await expect(postWebhook(webhookClaim(`${origin}/moved`), options)).rejects.toThrow(/redirection 302 non suivie/);
    expect(received.slice(before).map((r) => r.path)).toEqual(['/moved']);
  });

  it('gives up after the timeout', async () => {
    await expect(postWebhook(webhookClaim(`${origin}/slow`), options)).rejects.toThrow('webhook : pas de réponse en 1000 ms');
  });

  it('reports a receiver that is not there', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(postWebhook(webhookClaim(`http://127.0.0.1:${port}/x`), options)).rejects.toThrow(/webhook : .*ECONNREFUSED/);
  });

  it('refuses a non-http address without sending anything', async () => {
    const before = received.length;
    await expect(postWebhook(webhookClaim('ftp://127.0.0.1/x'), options)).rejects.toThrow(/protocole ftp:/);
    expect(received.length).toBe(before);
  });
});

describe('private addresses', () => {
  it('tells the internet from the machine and its private networks', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.8',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd12::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});
