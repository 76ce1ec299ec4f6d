import { runbookFor, type Actor } from '@/lib/checks/catalogue';
import { resolutionReasonLabel } from '@/lib/alerts/labels';
import { detailEntries } from '@/lib/checks/details';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate, plural } from '@/lib/i18n/format';
import type { ClaimedAlert, DeliveryClaim, EscalatedAlert, Severity } from './claim.ts';
import { escapeHtml } from './html.ts';

/**
 * The e-mail of one delivery, in French (the users' working language): a subject a phone's lock
 * screen makes sense of (`[CRITIQUE] STOCK_NEGATIF — Citerne T05 …`), a plain-text body and an HTML
 * body saying the same — the link to the alert, its deadlines, the numbers behind it and the check's
 * runbook (what it means, what to verify, who acts). A digest lists its alerts with a link to each.
 * Pure: the worker passes the time zone and the clock, so tests read exactly what is sent.
 *
 * IMPORTANT: every value in the HTML goes through escapeHtml — messages and details carry text that
 * was typed into the operations app.
 */
export type RenderedEmail = { subject: string; text: string; html: string };

export type RenderContext = {
  /** The console's address, without a trailing slash (config.consoleBase). */
  consoleBase: string;
  /** The depot's time zone (`private.depot_time_zone()`): every time is shown on the depot's clock. */
  timeZone: string;
  now: Date;
};

const dict = dictionaries.fr;

const W = {
  severityTag: { CRITICAL: 'CRITIQUE', WARN: 'AVERTISSEMENT', INFO: 'INFO' } satisfies Record<Severity, string>,
  eventLead: {
    opened: 'Une alerte vient de s’ouvrir.',
    escalated: 'Escalade : cette alerte n’a pas été traitée dans le délai.',
    notified: 'Rappel : cette alerte attend toujours d’être traitée.',
    acknowledged: 'Cette alerte a été acquittée.',
    resolved: 'Cette alerte a été résolue.',
    cleared: 'La condition de cette alerte n’est plus détectée.',
    seen_again: 'La condition de cette alerte est de nouveau détectée.',
    unsilenced:
      'Fin du silence : cette alerte s’est ouverte pendant une fenêtre de maintenance, sans notification. La fenêtre est terminée et l’alerte est toujours à traiter.',
    resolution_requested:
      'Contre-signature demandée : un directeur veut résoudre cette alerte critique alors que sa condition est toujours détectée. Un second directeur doit contre-signer ou refuser la résolution dans la console ; l’alerte reste ouverte jusque-là.',
  } as Record<string, string>,
  countersignLead:
    'Contre-signature demandée : {name} veut résoudre cette alerte critique alors que sa condition est toujours détectée (motif proposé : {reason}). Un second directeur doit contre-signer ou refuser la résolution dans la console ; l’alerte reste ouverte jusque-là.',
  sinceAcknowledged: 'Elle a été acquittée depuis.',
  sinceResolved: 'Elle a été résolue depuis.',
  subjectPrefix: {
    escalated: 'Escalade',
    notified: 'Rappel',
    resolved: 'Résolue',
    acknowledged: 'Acquittée',
    unsilenced: 'Fin du silence',
    resolution_requested: 'À contre-signer',
  } as Record<string, string>,
  open: 'Ouvrir l’alerte dans la console',
  openList: 'Ouvrir la liste des alertes',
  alert: 'Alerte',
  status: 'Statut',
  detected: 'Détectée',
  assignee: 'Assignée à',
  recurrence: 'Récidive',
  recurrenceValue: 'n° {count} (déjà survenue sur le même objet)',
  nobody: 'Personne',
  ackDue: 'À acquitter avant le',
  resolveDue: 'À résoudre avant le',
  overdue: 'délai dépassé',
  numbers: 'Les chiffres',
  noNumbers: 'Aucun chiffre joint à cette alerte.',
  moreNumbers: '… et {count} autres valeurs dans la console.',
  footer:
    'Message automatique de la {app}, envoyé à {name} ({role}) selon ses préférences de notification, modifiables dans la console. Ne répondez pas à ce message.',
  digestTitle: { daily: 'Synthèse quotidienne des alertes', weekly: 'Synthèse hebdomadaire des alertes' },
  digestSubjectTag: { daily: 'Synthèse quotidienne', weekly: 'Synthèse hebdomadaire' },
  digestPeriod: 'Du {since} au {until}',
  digestNone: 'Aucune nouvelle alerte sur la période.',
  digestOpened: { one: '{count} nouvelle alerte', other: '{count} nouvelles alertes' },
  digestEscalations: { one: '{count} escalade', other: '{count} escalades' },
  digestActive: { one: '{count} active aujourd’hui', other: '{count} actives aujourd’hui' },
  digestEscalatedHeading: 'Délais dépassés sur la période',
  digestOpenedHeading: 'Nouvelles alertes sur la période',
  digestMissed: { ack: 'non acquittée à temps (échéance {due})', resolve: 'non résolue à temps (échéance {due})' },
  digestMore: '… et {count} autres dans la console.',
  escalatedLead: {
    ack: 'Escalade : cette alerte n’a pas été acquittée dans le délai ({deadline}, échéance {due}).',
    resolve: 'Escalade : cette alerte n’a pas été résolue dans le délai ({deadline}, échéance {due}).',
  },
} as const;

/** Details beyond this many entries (a schema drift lists its changes) stay in the console. */
const MAX_NUMBERS = 20;
const SUBJECT_MESSAGE_CHARS = 90;

/** One line, no control characters, at most `max` characters: headers never carry a line break. */
export function oneLine(text: string, max = Number.POSITIVE_INFINITY): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

const when = (value: string, context: RenderContext) => formatDateTime(value, 'fr', context.timeZone);

function actorLabel(actor: Actor): string {
  return actor === 'operations' || actor === 'platform' ? dict.runbooks.teams[actor] : dict.roles[actor];
}

function roleLabel(role: string | null | undefined): string {
  return role && Object.hasOwn(dict.roles, role) ? dict.roles[role as keyof typeof dict.roles] : (role ?? '');
}

function checkLabel(code: string): string {
  const labels: Record<string, string> = dict.checks;
  return Object.hasOwn(labels, code) ? labels[code]! : code;
}

/** The alert's link: the console's address and the path the claim names. */
export function alertUrl(context: RenderContext, path: string): string {
  return `${context.consoleBase}${path}`;
}

/** « 15 min », « 4 h », « 7 jours »: a deadline in minutes, as a person says it. */
export function deadlineWords(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60 || minutes % (24 * 60) !== 0) return `${Math.round((minutes / 60) * 10) / 10} h`.replace('.', ',');
  const days = minutes / (24 * 60);
  return `${days} jour${days > 1 ? 's' : ''}`;
}

/** An escalation's own words: which deadline passed, how long it was, when it fell due. */
function escalationLead(claim: DeliveryClaim, context: RenderContext): string | null {
  const details = claim.event?.type === 'escalated' ? claim.event.details : null;
  if (!details || typeof details !== 'object') return null;
  const { level, due_at: due, deadline_minutes: minutes } = details as Record<string, unknown>;
  if ((level !== 'ack' && level !== 'resolve') || typeof due !== 'string' || typeof minutes !== 'number') return null;
  return interpolate(W.escalatedLead[level], { deadline: deadlineWords(minutes), due: when(due, context) });
}

/** A four-eyes request's own words: who asks, with which reason (from the event's details). */
function countersignLead(claim: DeliveryClaim): string | null {
  const details = claim.event?.type === 'resolution_requested' ? claim.event.details : null;
  if (!details || typeof details !== 'object') return null;
  const { requested_by_name: name, reason } = details as Record<string, unknown>;
  if (typeof name !== 'string' || !name) return null;
  return interpolate(W.countersignLead, { name, reason: resolutionReasonLabel(typeof reason === 'string' ? reason : null, dict.alerts) });
}

export function alertSubject(claim: DeliveryClaim, alert: ClaimedAlert): string {
  const prefix = claim.kind === 'escalation' ? W.subjectPrefix.escalated : W.subjectPrefix[claim.event?.type ?? ''];
  const head = `[${W.severityTag[alert.severity]}] ${prefix ? `${prefix} — ` : ''}${oneLine(alert.check_code)}`;
  return `${head} — ${oneLine(alert.message, SUBJECT_MESSAGE_CHARS)}`;
}

type Deadline = { label: string; value: string; overdue: boolean };

function deadlines(alert: ClaimedAlert, context: RenderContext): Deadline[] {
  const rows: Deadline[] = [];
  const add = (label: string, at: string | null) => {
    if (at) rows.push({ label, value: when(at, context), overdue: Date.parse(at) < context.now.getTime() });
  };
  if (alert.status === 'OPEN') add(W.ackDue, alert.ack_due_at);
  if (alert.status !== 'RESOLVED') add(W.resolveDue, alert.resolve_due_at);
  return rows;
}

function statusLabel(status: string): string {
  const statuses: Record<string, string> = dict.status;
  return Object.hasOwn(statuses, status) ? statuses[status]! : status;
}

export function renderAlertEmail(claim: DeliveryClaim, context: RenderContext): RenderedEmail {
  const alert = claim.alert;
  if (!alert) throw new Error('renderAlertEmail needs a claim with its alert');
  const url = alertUrl(context, claim.console_path);
  const eventType = claim.kind === 'escalation' ? 'escalated' : (claim.event?.type ?? 'opened');
  const since =
    alert.status === 'RESOLVED' ? W.sinceResolved : alert.status === 'ACK' && eventType === 'opened' ? W.sinceAcknowledged : '';
  const lead = `${escalationLead(claim, context) ?? countersignLead(claim) ?? W.eventLead[eventType] ?? `${dict.alerts.history} : ${eventType}`}${since ? ` ${since}` : ''}`;
  const title = `${W.alert} ${dict.severity[alert.severity].toLowerCase()} — ${checkLabel(alert.check_code)} (${alert.check_code})`;
  const facts: [string, string][] = [
    [W.status, statusLabel(alert.status)],
    [W.detected, when(alert.first_seen_at, context)],
    [W.assignee, alert.assigned_to_name ?? W.nobody],
  ];
  if (alert.occurrence > 1) facts.push([W.recurrence, interpolate(W.recurrenceValue, { count: alert.occurrence - 1 })]);
  const dueRows = deadlines(alert, context);
  const entries = detailEntries(alert.details, 'fr', context.timeZone, dict);
  const shown = entries.slice(0, MAX_NUMBERS);
  const more = entries.length - shown.length;
  const runbook = runbookFor(alert.check_code, 'fr');
  const footer = interpolate(W.footer, {
    app: dict.common.appName.toLowerCase(),
    name: claim.recipient.name ?? claim.recipient.email ?? '',
    role: roleLabel(claim.recipient.role),
  });

  const text: string[] = [title, oneLine(alert.message), '', lead, '', `${W.open} : ${url}`, ''];
  for (const [label, value] of facts) text.push(`${label} : ${value}`);
  for (const due of dueRows) text.push(`${due.label} ${due.value}${due.overdue ? ` (${W.overdue})` : ''}`);
  text.push('', W.numbers);
  if (shown.length === 0) text.push(`  ${W.noNumbers}`);
  for (const entry of shown) text.push(`  ${entry.label} : ${oneLine(entry.value)}`);
  if (more > 0) text.push(`  ${interpolate(W.moreNumbers, { count: more })}`);
  text.push('');
  if (runbook) {
    text.push(`${dict.runbooks.meaning}`, `  ${runbook.runbook.meaning}`, '', dict.runbooks.verify);
    for (const item of runbook.runbook.verify) text.push(`  - ${item}`);
    text.push('', dict.runbooks.whoActs);
    for (const action of runbook.runbook.actions) text.push(`  - ${actorLabel(action.actor)} : ${action.task}`);
  } else {
    text.push(interpolate(dict.runbooks.noRunbook, { code: alert.check_code }));
  }
  text.push('', '-- ', footer);

  const color = SEVERITY_COLOR[alert.severity];
  const html = page(
    title,
    [
      `<p style="margin:0 0 4px;font-size:12px;font-weight:bold;letter-spacing:.05em;color:${color}">${escapeHtml(W.severityTag[alert.severity])} · ${escapeHtml(alert.check_code)}</p>`,
      `<h1 style="margin:0 0 12px;font-size:18px;line-height:1.3">${escapeHtml(alert.message)}</h1>`,
      `<p style="margin:0 0 16px">${escapeHtml(lead)}</p>`,
      button(url, W.open),
      '<table role="presentation" style="border-collapse:collapse;margin:16px 0;font-size:14px">',
      ...facts.map(([label, value]) => row(label, escapeHtml(value))),
      ...dueRows.map((due) =>
        row(
          due.label.replace(/ le$/, ''),
          `${escapeHtml(due.value)}${due.overdue ? ` <strong style="color:#b91c1c">(${escapeHtml(W.overdue)})</strong>` : ''}`,
        ),
      ),
      '</table>',
      `<h2 style="font-size:15px;margin:20px 0 8px">${escapeHtml(W.numbers)}</h2>`,
      shown.length === 0
        ? `<p style="margin:0">${escapeHtml(W.noNumbers)}</p>`
        : [
            '<table role="presentation" style="border-collapse:collapse;font-size:14px">',
            ...shown.map((entry) => row(entry.label, escapeHtml(entry.value))),
            '</table>',
            more > 0 ? `<p style="margin:4px 0 0;color:#555">${escapeHtml(interpolate(W.moreNumbers, { count: more }))}</p>` : '',
          ].join('\n'),
      runbook
        ? [
            `<h2 style="font-size:15px;margin:20px 0 8px">${escapeHtml(dict.runbooks.meaning)}</h2>`,
            `<p style="margin:0">${escapeHtml(runbook.runbook.meaning)}</p>`,
            `<h2 style="font-size:15px;margin:20px 0 8px">${escapeHtml(dict.runbooks.verify)}</h2>`,
            list(runbook.runbook.verify.map((item) => escapeHtml(item))),
            `<h2 style="font-size:15px;margin:20px 0 8px">${escapeHtml(dict.runbooks.whoActs)}</h2>`,
            list(
              runbook.runbook.actions.map(
                (action) => `<strong>${escapeHtml(actorLabel(action.actor))}</strong> : ${escapeHtml(action.task)}`,
              ),
            ),
          ].join('\n')
        : `<p>${escapeHtml(interpolate(dict.runbooks.noRunbook, { code: alert.check_code }))}</p>`,
    ].join('\n'),
    footer,
  );

  return { subject: alertSubject(claim, alert), text: text.join('\n'), html };
}

export function renderDigestEmail(claim: DeliveryClaim, context: RenderContext): RenderedEmail {
  const digest = claim.digest;
  if (!digest) throw new Error('renderDigestEmail needs a claim with its digest');
  const opened = digest.opened_count ?? digest.alerts.length;
  const more = Math.max(0, opened - digest.alerts.length);
  const counts = SEVERITY_ORDER.map(
    (severity) => [severity, digest.alerts.filter((a) => a.severity === severity).length] as const,
  ).filter(([, n]) => n > 0);
  const breakdown = counts.map(([severity, n]) => `${n} ${dict.severity[severity].toLowerCase()}`).join(', ');
  const openedText = `${plural(W.digestOpened, opened, 'fr')}${breakdown && more === 0 ? ` (${breakdown})` : ''}`;
  const parts = [openedText];
  if (digest.escalated.length > 0) parts.push(plural(W.digestEscalations, digest.escalated.length, 'fr'));
  if (digest.still_open_count !== undefined) parts.push(plural(W.digestActive, digest.still_open_count, 'fr'));
  const summary = parts.join(' · ');
  const period = interpolate(W.digestPeriod, { since: when(digest.since, context), until: when(digest.until, context) });
  const title = W.digestTitle[digest.period];
  const listUrl = alertUrl(context, claim.console_path);
  const bySeverity = [...digest.alerts].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || Date.parse(b.first_seen_at) - Date.parse(a.first_seen_at),
  );
  const footer = interpolate(W.footer, {
    app: dict.common.appName.toLowerCase(),
    name: claim.recipient.name ?? claim.recipient.email ?? '',
    role: roleLabel(claim.recipient.role),
  });
  const linkOf = (alert: { id: string }) => alertUrl(context, `/governance/alerts/${alert.id}`);
  const missed = (alert: EscalatedAlert) => interpolate(W.digestMissed[alert.level], { due: when(alert.due_at, context) });

  const text: string[] = [title, period, '', summary, ''];
  if (digest.escalated.length > 0) {
    text.push(W.digestEscalatedHeading);
    for (const alert of digest.escalated) {
      text.push(
        `[${W.severityTag[alert.severity]}] ${alert.check_code} — ${oneLine(alert.message)}`,
        `  ${missed(alert)}`,
        `  ${linkOf(alert)}`,
        '',
      );
    }
  }
  text.push(W.digestOpenedHeading);
  if (opened === 0) text.push(W.digestNone, '');
  for (const alert of bySeverity) {
    text.push(
      `[${W.severityTag[alert.severity]}] ${alert.check_code} — ${oneLine(alert.message)}`,
      `  ${statusLabel(alert.status)} · ${W.detected.toLowerCase()} ${when(alert.first_seen_at, context)}`,
      `  ${linkOf(alert)}`,
      '',
    );
  }
  if (more > 0) text.push(interpolate(W.digestMore, { count: more }), '');
  text.push(`${W.openList} : ${listUrl}`, '', '-- ', footer);

  const rowsHtml = (items: { severity: Severity; id: string; message: string; sub: string }[]) =>
    [
      '<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px">',
      ...items.map(
        (item) =>
          `<tr><td style="padding:8px 8px 8px 0;border-top:1px solid #e5e5e5;vertical-align:top;white-space:nowrap;font-weight:bold;color:${SEVERITY_COLOR[item.severity]}">${escapeHtml(W.severityTag[item.severity])}</td>` +
          `<td style="padding:8px 0;border-top:1px solid #e5e5e5"><a href="${escapeHtml(linkOf(item))}" style="color:#1d4ed8">${escapeHtml(item.message)}</a>` +
          `<br><span style="color:#555;font-size:12px">${escapeHtml(item.sub)}</span></td></tr>`,
      ),
      '</table>',
    ].join('\n');
  const html = page(
    title,
    [
      `<h1 style="margin:0 0 4px;font-size:18px">${escapeHtml(title)}</h1>`,
      `<p style="margin:0 0 16px;color:#555">${escapeHtml(period)}<br>${escapeHtml(summary)}</p>`,
      digest.escalated.length > 0
        ? `<h2 style="font-size:15px;margin:20px 0 8px">${escapeHtml(W.digestEscalatedHeading)}</h2>` +
          rowsHtml(digest.escalated.map((a) => ({ ...a, sub: `${a.check_code} · ${missed(a)}` })))
        : '',
      `<h2 style="font-size:15px;margin:20px 0 8px">${escapeHtml(W.digestOpenedHeading)}</h2>`,
      opened === 0
        ? `<p>${escapeHtml(W.digestNone)}</p>`
        : rowsHtml(
            bySeverity.map((a) => ({
              ...a,
              sub: `${a.check_code} · ${statusLabel(a.status)} · ${when(a.first_seen_at, context)}`,
            })),
          ),
      more > 0 ? `<p style="color:#555">${escapeHtml(interpolate(W.digestMore, { count: more }))}</p>` : '',
      `<div style="margin-top:16px">${button(listUrl, W.openList)}</div>`,
    ].join('\n'),
    footer,
  );

  return { subject: oneLine(`[${W.digestSubjectTag[digest.period]}] ${summary} — ${dict.common.appName}`), text: text.join('\n'), html };
}

export function renderEmail(claim: DeliveryClaim, context: RenderContext): RenderedEmail {
  return claim.kind === 'digest' ? renderDigestEmail(claim, context) : renderAlertEmail(claim, context);
}

const SEVERITY_ORDER: readonly Severity[] = ['CRITICAL', 'WARN', 'INFO'];
const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 0, WARN: 1, INFO: 2 };
const SEVERITY_COLOR: Record<Severity, string> = { CRITICAL: '#b91c1c', WARN: '#b45309', INFO: '#1d4ed8' };

function row(label: string, valueHtml: string): string {
  return `<tr><td style="padding:2px 16px 2px 0;color:#555;vertical-align:top">${escapeHtml(label)}</td><td style="padding:2px 0">${valueHtml}</td></tr>`;
}

function list(itemsHtml: string[]): string {
  return `<ul style="margin:0;padding-left:20px">${itemsHtml.map((item) => `<li style="margin:2px 0">${item}</li>`).join('')}</ul>`;
}

function button(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}" style="display:inline-block;background:#111827;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;font-weight:bold">${escapeHtml(label)}</a>`;
}

function page(title: string, bodyHtml: string, footer: string): string {
  return [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:16px;background:#f5f5f5;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#111827">',
    '<div style="max-width:640px;margin:0 auto;background:#ffffff;border-radius:8px;padding:20px">',
    bodyHtml,
    `<p style="margin:24px 0 0;font-size:12px;color:#6b7280">${escapeHtml(footer)}</p>`,
    '</div></body></html>',
  ].join('\n');
}
