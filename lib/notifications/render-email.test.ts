import { describe, expect, it } from 'vitest';
import { alertClaim, digestClaim, rawAlertClaim, webhookClaim } from './fixtures';
import { webhookEventType } from './webhook';
import { UndeliverableError, parseClaim } from './claim';
import { alertSubject, deadlineWords, oneLine, renderAlertEmail, renderDigestEmail, renderEmail } from './render-email';

const context = { consoleBase: 'https://console.depot.example', timeZone: 'Africa/Kinshasa', now: new Date('2026-12-02T02:05:00Z') };

describe('alert e-mail', () => {
  it('has a French subject: severity tag, check code, then the start of the message', () => {
    const { subject } = renderAlertEmail(alertClaim(), context);
    expect(subject).toBe('[CRITIQUE] STOCK_NEGATIF — Citerne T05 (Super sans plomb) : stock négatif au 02/12/2026 — ambiant -1 250 L');
  });

  it('cuts a long message in the subject and tags each severity in French', () => {
    const claim = alertClaim({ alert: { ...rawAlertClaim().alert!, severity: 'WARN', message: 'x'.repeat(300) } as never });
    const subject = alertSubject(claim, claim.alert!);
    expect(subject.startsWith('[AVERTISSEMENT] STOCK_NEGATIF — ')).toBe(true);
    expect(subject.endsWith('…')).toBe(true);
    expect(subject.length).toBeLessThan(140);
    const info = alertClaim({ alert: { ...rawAlertClaim().alert!, severity: 'INFO' } as never });
    expect(alertSubject(info, info.alert!)).toMatch(/^\[INFO\] /);
  });

  it('never puts a line break in the subject (no header injection)', () => {
    const claim = alertClaim({ alert: { ...rawAlertClaim().alert!, message: 'Citerne T05\r\nBcc: victim@example.com\nX' } as never });
    const { subject } = renderAlertEmail(claim, context);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain('Citerne T05 Bcc: victim@example.com X');
    expect(oneLine('a\u2028b\tc\u0000d')).toBe('a b c d');
  });

  it('names an escalation in the subject and says which deadline passed', () => {
    const escalated = (details: unknown) =>
      renderAlertEmail(
        alertClaim({ kind: 'escalation', event: { id: 43, type: 'escalated', occurred_at: '2026-12-02T02:16:00Z', details } }),
        context,
      );
    const ack = escalated({ level: 'ack', due_at: '2026-12-02T02:15:00+00:00', deadline_minutes: 15, audience: ['directeur'] });
    expect(ack.subject).toMatch(/^\[CRITIQUE\] Escalade — STOCK_NEGATIF — /);
    expect(ack.text).toContain('Escalade : cette alerte n’a pas été acquittée dans le délai (15 min, échéance 2 déc. 2026, 03:15).');
    const resolve = escalated({ level: 'resolve', due_at: '2026-12-03T02:00:00+00:00', deadline_minutes: 1440 });
    expect(resolve.text).toContain('Escalade : cette alerte n’a pas été résolue dans le délai (1 jour, échéance 3 déc. 2026, 03:00).');
    expect(escalated(null).text).toContain('Escalade : cette alerte n’a pas été traitée dans le délai.');
  });

  it('asks the other directeurs to countersign a risky closure, in the subject and the lead', () => {
    const email = renderAlertEmail(
      alertClaim({
        event: { id: 44, type: 'resolution_requested', occurred_at: '2026-12-02T02:20:00Z', details: { reason: 'false_positive' } },
        alert: { ...alertClaim().alert!, status: 'ACK' },
      }),
      context,
    );
    expect(email.subject).toMatch(/^\[CRITIQUE\] À contre-signer — STOCK_NEGATIF — /);
    expect(email.text).toContain('Contre-signature demandée : un directeur veut résoudre cette alerte critique');
    const named = renderAlertEmail(
      alertClaim({
        event: {
          id: 44,
          type: 'resolution_requested',
          occurred_at: '2026-12-02T02:20:00Z',
          details: { reason: 'false_positive', requested_by_name: 'Jean-Baptiste <Mensah>' },
        },
      }),
      context,
    );
    expect(named.text).toContain('Contre-signature demandée : Jean-Baptiste <Mensah> veut résoudre cette alerte critique');
    expect(named.text).toContain('(motif proposé : Faux positif)');
    expect(named.html).toContain('Jean-Baptiste &lt;Mensah&gt;');
    expect(
      webhookEventType(
        webhookClaim('https://hooks.example.com/x', {
          event: { id: 44, type: 'resolution_requested', occurred_at: '2026-12-02T02:20:00Z', details: {} },
        }),
      ),
    ).toBe('alert.resolution_requested');
  });

  it('says a deadline as a person would', () => {
    expect([15, 60, 240, 90, 1440, 10080].map(deadlineWords)).toEqual(['15 min', '1 h', '4 h', '1,5 h', '1 jour', '7 jours']);
  });

  it('says who carries the alert, « Personne » when nobody, the name escaped in the HTML', () => {
    expect(renderAlertEmail(alertClaim(), context).text).toContain('Assignée à : Personne\n');
    const assigned = renderAlertEmail(
      alertClaim({ alert: { ...rawAlertClaim().alert!, assigned_to_name: 'Jean <b>Mensah</b>' } as never }),
      context,
    );
    expect(assigned.text).toContain('Assignée à : Jean <b>Mensah</b>\n');
    expect(assigned.html).toContain('Jean &lt;b&gt;Mensah&lt;/b&gt;');
    expect(assigned.html).not.toContain('<b>Mensah');
  });

  it('says when the alert is a recurrence, and nothing the first time', () => {
    expect(renderAlertEmail(alertClaim(), context).text).not.toContain('Récidive');
    const again = renderAlertEmail(alertClaim({ alert: { ...rawAlertClaim().alert!, occurrence: 3 } as never }), context);
    expect(again.text).toContain('Récidive : n° 2 (déjà survenue sur le même objet)\n');
    expect(again.html).toContain('n° 2 (déjà survenue sur le même objet)');
  });

  it('links to the alert in the console, in the text and the HTML', () => {
    const email = renderAlertEmail(alertClaim(), context);
    const url = 'https://console.depot.example/governance/alerts/78ddc489-c200-48e8-ae2d-95f8286b5229';
    expect(email.text).toContain(`Ouvrir l’alerte dans la console : ${url}`);
    expect(email.html).toContain(`href="${url}"`);
  });

  it('gives the numbers behind the alert, formatted in French, and the deadlines on the depot’s clock', () => {
    const email = renderAlertEmail(alertClaim(), context);
    // 02:15 UTC is 03:15 in Kinshasa (UTC+1); the deadline to acknowledge is not past at 02:05 UTC.
    expect(email.text).toContain('À acquitter avant le 2 déc. 2026, 03:15\n');
    expect(email.text).toContain('À résoudre avant le 3 déc. 2026, 03:00');
    expect(email.text).toMatch(/Stock ambiant : -1\s250 L/);
    expect(email.text).toContain('Citerne : T05');
    expect(email.html).toMatch(/Stock ambiant<\/td><td[^>]*>-1\s250 L/);
  });

  it('says when the alert was handled between the event and the message', () => {
    const resolved = renderAlertEmail(alertClaim({ alert: { ...rawAlertClaim().alert!, status: 'RESOLVED' } as never }), context);
    expect(resolved.text).toContain('Une alerte vient de s’ouvrir. Elle a été résolue depuis.');
    expect(resolved.text).not.toContain('À acquitter');
    expect(resolved.text).not.toContain('À résoudre');
    const acked = renderAlertEmail(alertClaim({ alert: { ...rawAlertClaim().alert!, status: 'ACK' } as never }), context);
    expect(acked.text).toContain('Une alerte vient de s’ouvrir. Elle a été acquittée depuis.');
  });

  it('marks a deadline already past, and drops the acknowledgement deadline once acknowledged', () => {
    const late = renderAlertEmail(alertClaim(), { ...context, now: new Date('2026-12-02T03:00:00Z') });
    expect(late.text).toContain('À acquitter avant le 2 déc. 2026, 03:15 (délai dépassé)');
    const acked = renderAlertEmail(alertClaim({ alert: { ...rawAlertClaim().alert!, status: 'ACK' } as never }), context);
    expect(acked.text).not.toContain('À acquitter');
    expect(acked.text).toContain('À résoudre avant');
  });

  it('carries the check’s runbook: what it means, what to verify, who acts', () => {
    const email = renderAlertEmail(alertClaim(), context);
    expect(email.text).toContain('Ce que cela signifie');
    expect(email.text).toContain('Une citerne ne contient jamais moins que rien');
    expect(email.text).toContain('À vérifier');
    expect(email.text).toContain('Qui agit');
    expect(email.text).toContain('  - Directeur : Résout quand la ligne corrigée');
    expect(email.html).toContain('<strong>Administrateur</strong>');
  });

  it('says so when this console has no runbook for the code', () => {
    const email = renderAlertEmail(alertClaim({ alert: { ...rawAlertClaim().alert!, check_code: 'FUTURE_CHECK' } as never }), context);
    expect(email.text).toContain('Cette version de la console n’a pas de guide pour le code FUTURE_CHECK');
  });

  it('escapes everything it shows in the HTML', () => {
    const hostile = '<script>alert(1)</script> & "quoted" \'single\' <img src=x onerror=alert(2)>';
    const claim = alertClaim({
      alert: {
        ...rawAlertClaim().alert!,
        message: hostile,
        details: { citerne: hostile, [`<b>key</b>`]: hostile },
      } as never,
      recipient: { user_id: '00000000-0000-4000-8000-000000000001', email: 'admin@depot.test', name: '<i>Awa</i>', role: 'admin' },
    });
    const { html, text } = renderAlertEmail(claim, context);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>Awa</i>');
    expect(html).not.toContain('<b>key</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;');
    // The plain text is text: it keeps the characters as they are.
    expect(text).toContain(hostile);
  });

  it('keeps at most 20 numbers and says how many more the console has', () => {
    const details = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`valeur_${String(i).padStart(2, '0')}`, i]));
    const email = renderAlertEmail(alertClaim({ alert: { ...rawAlertClaim().alert!, details } as never }), context);
    expect(email.text).toContain('… et 5 autres valeurs dans la console.');
  });

  it('is what renderEmail sends for an alert delivery', () => {
    expect(renderEmail(alertClaim(), context)).toEqual(renderAlertEmail(alertClaim(), context));
  });
});

describe('digest e-mail', () => {
  it('lists the deadlines missed, then the new alerts worst first, each with its link', () => {
    const email = renderDigestEmail(digestClaim(), context);
    expect(email.subject).toBe(
      '[Synthèse hebdomadaire] 2 nouvelles alertes (1 critique, 1 avertissement) · 1 escalade · 7 actives aujourd’hui — Console de gouvernance',
    );
    const escalated = email.text.indexOf('[CRITIQUE] FEED_SILENT');
    const critical = email.text.indexOf('[CRITIQUE] STOCK_NEGATIF');
    const warn = email.text.indexOf('[AVERTISSEMENT] CDR_ARRIVE_STALE');
    expect(escalated).toBeGreaterThan(-1);
    expect(critical).toBeGreaterThan(escalated);
    expect(warn).toBeGreaterThan(critical);
    expect(email.text).toContain('non résolue à temps (échéance 26 nov. 2026, 10:00)');
    expect(email.text).toContain('https://console.depot.example/governance/alerts/78ddc489-c200-48e8-ae2d-95f8286b5229');
    expect(email.text).toContain('https://console.depot.example/governance/alerts/0691c6b8-87c3-4459-9eb7-910d50ca97f8');
    expect(email.text).toContain('https://console.depot.example/governance/alerts/45406139-8716-41ba-af2f-c0fe1e3d346a');
    expect(email.text).toContain('Du 23 nov. 2026, 07:00 au 30 nov. 2026, 07:00');
    expect(email.html).toContain('href="https://console.depot.example/governance/alerts/0691c6b8-87c3-4459-9eb7-910d50ca97f8"');
  });

  it('says when the period had no alert, and how many more the console has past the list', () => {
    const base = digestClaim();
    const empty = renderDigestEmail(
      digestClaim({ digest: { ...base.digest!, period: 'daily', alerts: [], escalated: [], opened_count: 0, still_open_count: 0 } }),
      context,
    );
    expect(empty.subject).toBe('[Synthèse quotidienne] 0 nouvelle alerte · 0 active aujourd’hui — Console de gouvernance');
    expect(empty.text).toContain('Aucune nouvelle alerte sur la période.');
    const long = renderDigestEmail(digestClaim({ digest: { ...base.digest!, opened_count: 250 } }), context);
    expect(long.subject).toMatch(/^\[Synthèse hebdomadaire\] 250 nouvelles alertes · 1 escalade/);
    expect(long.text).toContain('… et 248 autres dans la console.');
  });

  it('escapes the alerts’ messages in the HTML', () => {
    const base = digestClaim();
    const alerts = [{ ...base.digest!.alerts[0]!, message: '<script>x</script>' }];
    const escalated = [{ ...base.digest!.escalated[0]!, message: '<img src=x onerror=y>' }];
    const { html } = renderDigestEmail(digestClaim({ digest: { ...base.digest!, alerts, escalated } }), context);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});

describe('claims', () => {
  it('refuses a claim that cannot be sent, naming what is wrong', () => {
    expect(() => parseClaim(rawAlertClaim({ channel: 'webhook', webhook: null }))).toThrow(/webhook: missing for a webhook delivery/);
    expect(() => parseClaim(rawAlertClaim({ recipient: { user_id: '00000000-0000-4000-8000-000000000001', email: null } }))).toThrow(
      /recipient\.email: the recipient has no e-mail address/,
    );
    expect(() => parseClaim(rawAlertClaim({ alert: null }))).toThrow(/alert: missing for an alert notification/);
    expect(() => parseClaim(rawAlertClaim({ kind: 'digest' }))).toThrow(/digest: missing for a digest/);
    expect(() => parseClaim(null)).toThrow(/claim_delivery returned a claim the worker cannot send/);
    expect(() => parseClaim(rawAlertClaim({ channel: 'webhook', webhook: { url: null, secret: null } }))).toThrow(UndeliverableError);
  });
});
