import { describe, expect, it } from 'vitest';
import { consoleBase, parseWorkerEnv } from './config';
import { deliveryIdOf, errorText } from './deliver';
import { duePeriods, tickInstant } from './digest';
import { alertThreadId, mailOptions, messageIdFor } from './email';
import { alertClaim, digestClaim } from './fixtures';
import { renderEmail } from './render-email';

const valid = {
  DATABASE_URL: 'postgresql://postgres:pw@db.example:5432/postgres',
  SMTP_URL: 'smtp://user:pw@smtp.example:587',
  MAIL_FROM: 'Console de gouvernance <gouvernance@depot.example>',
  CONSOLE_URL: 'https://console.depot.example/',
};

describe('worker configuration', () => {
  it('reads a valid configuration with its defaults', () => {
    expect(parseWorkerEnv(valid)).toEqual({
      ...valid,
      WORKER_CONCURRENCY: 8,
      WORKER_POLL_INTERVAL_MS: 2000,
      WEBHOOK_TIMEOUT_MS: 10000,
      SMTP_TIMEOUT_MS: 15000,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
    });
    expect(parseWorkerEnv({ ...valid, WORKER_CONCURRENCY: '16' }).WORKER_CONCURRENCY).toBe(16);
    expect(parseWorkerEnv({ ...valid, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(true);
    expect(() => parseWorkerEnv({ ...valid, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes' })).toThrow(
      /WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false/,
    );
  });

  it('names every missing or malformed variable', () => {
    expect(() => parseWorkerEnv({})).toThrow(
      'Invalid worker configuration: DATABASE_URL is not set; SMTP_URL is not set; MAIL_FROM is not set; CONSOLE_URL is not set. See .env.example.',
    );
    expect(() => parseWorkerEnv({ ...valid, SMTP_URL: 'http://smtp.example' })).toThrow(
      /SMTP_URL must start with smtp:\/\/ or smtps:\/\/ \(got http:\/\/\)/,
    );
    expect(() => parseWorkerEnv({ ...valid, CONSOLE_URL: 'console' })).toThrow(/CONSOLE_URL must be a URL such as https:\/\/console/);
    expect(() => parseWorkerEnv({ ...valid, WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY must be at least 1/);
    expect(() => parseWorkerEnv({ ...valid, WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/WEBHOOK_TIMEOUT_MS must be a whole number/);
  });

  it('joins the console’s address and a path into one URL', () => {
    expect(consoleBase('https://console.depot.example///')).toBe('https://console.depot.example');
  });
});

describe('the e-mail message', () => {
  it('has a Message-ID made of the delivery id, the same on every attempt, and threads by alert', () => {
    const claim = alertClaim();
    const options = mailOptions(
      claim,
      renderEmail(claim, { consoleBase: 'https://console.depot.example', timeZone: 'UTC', now: new Date() }),
      'x <x@y.z>',
      'https://console.depot.example',
    );
    expect(options.messageId).toBe('<5a7c2c1e-3f5b-4a53-9d3e-2f4b8c9d0e1f@console.depot.example>');
    expect(options.messageId).toBe(messageIdFor(claim.id, 'https://console.depot.example'));
    expect(options.references).toBe(alertThreadId(claim.alert!.id, 'https://console.depot.example'));
    expect(options.to).toEqual({ name: 'Awa Koné', address: 'admin@depot.test' });
    expect(options.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated', 'X-Governance-Delivery': claim.id });
    expect(options.text).toContain('https://console.depot.example/governance/alerts/');
    expect(options.html).toContain('<!doctype html>');
  });

  it('sends a digest without alert headers', () => {
    const claim = digestClaim();
    const options = mailOptions(
      claim,
      renderEmail(claim, { consoleBase: 'https://c.example', timeZone: 'UTC', now: new Date() }),
      'x <x@y.z>',
      'https://c.example',
    );
    expect(options.references).toBeUndefined();
    expect(options.headers).not.toHaveProperty('X-Governance-Alert');
    expect(options.subject).toMatch(/^\[Synthèse hebdomadaire\]/);
  });
});

describe('the deliver task’s inputs', () => {
  it('takes the delivery id from the job, and refuses anything else', () => {
    expect(deliveryIdOf({ id: '5a7c2c1e-3f5b-4a53-9d3e-2f4b8c9d0e1f' })).toBe('5a7c2c1e-3f5b-4a53-9d3e-2f4b8c9d0e1f');
    for (const payload of [null, {}, { id: 42 }, { id: 'x' }, 'id']) expect(() => deliveryIdOf(payload)).toThrow(/names no delivery id/);
  });

  it('records errors on one line, bounded', () => {
    expect(errorText(new Error('a\n  b'))).toBe('a b');
    expect(errorText('x'.repeat(5000))).toHaveLength(1000);
    expect(errorText(new Error(''))).toBe('erreur inconnue');
  });
});

describe('digest schedule', () => {
  it('sends the daily digest at 07:00 on the depot’s clock, and the weekly one too on Mondays', () => {
    expect(duePeriods({ hour: 7, minute: 0, isoDow: 2 })).toEqual(['daily']);
    expect(duePeriods({ hour: 7, minute: 0, isoDow: 1 })).toEqual(['daily', 'weekly']);
    // Quarter-hour ticks: a zone at +05:45 reaches 07:00 at a :15 tick, and only one tick a day falls in [07:00, 07:15).
    expect(duePeriods({ hour: 7, minute: 14, isoDow: 3 })).toEqual(['daily']);
    expect(duePeriods({ hour: 7, minute: 15, isoDow: 3 })).toEqual([]);
    expect(duePeriods({ hour: 6, minute: 59, isoDow: 1 })).toEqual([]);
    expect(duePeriods({ hour: 19, minute: 0, isoDow: 1 })).toEqual([]);
  });

  it('decides by the tick’s scheduled time, so a backfilled tick sends what it was due for', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(tickInstant({ _cron: { ts: '2026-12-02T06:00:00Z', backfilled: true } }, now)).toBe('2026-12-02T06:00:00Z');
    expect(tickInstant({}, now)).toBe('2026-12-02T10:00:00.000Z');
    expect(tickInstant({ _cron: { ts: 'never' } }, now)).toBe('2026-12-02T10:00:00.000Z');
  });
});
