import 'server-only';
import { Document, Font, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { checkLabel, resolutionReasonLabel } from '@/lib/alerts/labels';
import { formatSeconds } from '@/lib/i18n/date-words';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { formatDate, formatDateTime, formatNumber, interpolate } from '@/lib/i18n/format';
import type { LedgerState } from './report-store';
import { heatMapGrid, type ReportDetails, type ReviewSummary } from './schemas';

/**
 * The monthly board report, as a PDF (@react-pdf/renderer: React components laid out by Yoga and
 * written by PDFKit on the server — no browser, no headless Chrome). Always in French: the board's
 * record reads the same whoever generated it. Charts are drawn with the layout's own boxes (bars
 * whose width is the share), which PDF viewers and printers render exactly.
 *
 * The standard Helvetica font writes Windows-1252 only: pdfText() maps what French formatting uses
 * beyond it (the narrow no-break space of « 1 234 ») and replaces anything else it cannot write.
 */
export type ReportContent = {
  month: string;
  scope: { code: string; name: string } | null;
  timeZone: string;
  generatedAt: Date;
  generatedBy: string;
  summary: ReviewSummary;
  details: ReportDetails;
  ledger: LedgerState;
  /** Whether the report may say how many events the ledger holds (the company's report only). */
  showLedgerSize: boolean;
};

// Words are not cut with hyphens (« min-utes »): a cell's text wraps at spaces only.
Font.registerHyphenationCallback((word) => [word]);

const dict = dictionaries.fr;
const r = dict.review;
/** The report's own words: French only, as the board's record (the console's pages keep both languages). */
const p = {
  heading: 'Rapport mensuel au conseil d’administration',
  subject: 'Intégrité des données des dépôts : alertes, délais, constats et journal d’audit',
  documentTitle: 'Rapport au conseil — {month} — {scope}',
  scopeAll: 'tous les dépôts',
  scopeDepot: 'dépôt {name} ({code})',
  generated: 'Généré le {time} ({zone}) par {name}. Heures du fuseau du dépôt.',
  pageOf: 'Page {page} sur {pages}',
  keyFigures: 'Chiffres clés du mois',
  bySeverity: 'Alertes ouvertes par gravité et délais de traitement',
  byCheck: 'Alertes ouvertes par contrôle',
  noDeadlines: 'Aucun délai n’était dû sur le mois.',
  andMore: 'Et {count} autres, à voir dans la console.',
  openCritical: 'Alertes critiques encore ouvertes à la fin du mois ({count})',
  openCriticalIntro: 'Les plus anciennes d’abord ; l’âge est compté jusqu’à la fin du mois.',
  noneOpenCritical: 'Aucune alerte critique n’était ouverte à la fin du mois.',
  openedColumn: 'Ouverte le',
  ageColumn: 'Âge',
  stateColumn: 'État',
  acknowledged: 'Acquittée',
  notAcknowledged: 'Non acquittée',
  resolvedAnyway: 'Résolues quand même ({count})',
  resolvedAnywayIntro: 'Résolues alors que l’anomalie était encore détectée : chaque cas porte un motif et une note.',
  noneResolvedAnyway: 'Aucune alerte n’a été résolue quand même.',
  resolvedAtColumn: 'Résolue le',
  byColumn: 'Par',
  fourEyes: 'Quatre yeux : demandes de contre-signature ({count})',
  fourEyesIntro: 'Une alerte critique encore détectée n’est résolue que par deux directeurs.',
  noneFourEyes: 'Aucune demande de contre-signature sur le mois.',
  requestedColumn: 'Demandée par',
  outcomeColumn: 'Issue à la fin du mois',
  outcomes: {
    countersigned: 'Contre-signée par {name}, {time}',
    resolution_rejected: 'Refusée par {name}, {time}',
    resolved: 'Résolue sans contre-signature (anomalie disparue), {time}',
  },
  awaitingCountersign: 'En attente à la fin du mois',
  findings: 'Constats de sécurité et de dérive ({count})',
  findingsIntro:
    'Constats de la plateforme actifs pendant le mois : posture de sécurité, versions, dérive du schéma, surveillance des contrôles.',
  findingsHeadOffice: 'Les constats de la plateforme relèvent du siège : ils figurent dans le rapport de tous les dépôts.',
  noneFindings: 'Aucun constat de sécurité ou de dérive pendant le mois.',
  severityColumn: 'Gravité',
  messageColumn: 'Constat',
  resolvedOn: 'Résolu le {time}',
  stillActive: 'Toujours actif',
  noneResolved: 'Aucune alerte résolue sur le mois.',
  ledgerTitle: 'Journal d’audit',
  ledgerValid: 'Chaîne de hachage vérifiée : intègre.',
  ledgerValidCount: 'Chaîne de hachage vérifiée : intègre ({count} événements).',
  ledgerBroken: 'Chaîne de hachage ROMPUE : le journal a été modifié. Voir la page Audit de la console.',
  ledgerHead: 'Tête du journal à la génération : événement n° {id}, empreinte :',
  ledgerEmpty: 'Le journal était vide à la génération.',
  manifestNote:
    'Ce rapport est accompagné d’un manifeste signé par la console (fichier .manifest.json) : empreinte SHA-256 de ce PDF, période, périmètre, tête du journal. Vérification hors ligne : npm run audit:verify -- <rapport.pdf> --public-key <clé publique de la console>.',
};
const locale = 'fr' as const;

// Windows-1252's characters beyond Latin-1's: what Helvetica can write besides U+0020–U+00FF.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = {
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u2192': '->',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2212': '-',
};

/** Text Helvetica can write: French spacing kept (no-break spaces), anything else outside Windows-1252 replaced. */
export function pdfText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || char === '\n' || CP1252_EXTRA.has(char)) out += char;
    else out += '?';
  }
  return out;
}

const colors = {
  ink: '#0f172a',
  muted: '#475569',
  line: '#cbd5e1',
  soft: '#f1f5f9',
  bar: '#1d4ed8',
  critical: '#b91c1c',
  ok: '#047857',
  warn: '#b45309',
};

const styles = StyleSheet.create({
  // No lineHeight here: inherited by the page-number Text (render prop), it keeps it from being drawn.
  page: {
    paddingTop: 40,
    paddingBottom: 48,
    paddingHorizontal: 40,
    fontFamily: 'Helvetica',
    fontSize: 9,
    color: colors.ink,
  },
  title: { fontSize: 18, fontFamily: 'Helvetica-Bold' },
  subtitle: { fontSize: 12, marginTop: 4 },
  meta: { color: colors.muted, marginTop: 6 },
  section: { marginTop: 16 },
  heading: {
    fontSize: 12,
    fontFamily: 'Helvetica-Bold',
    marginBottom: 6,
    paddingBottom: 3,
    borderBottomWidth: 1,
    borderBottomColor: colors.line,
  },
  note: { color: colors.muted, marginBottom: 4 },
  tiles: { flexDirection: 'row', gap: 6 },
  tile: { flexGrow: 1, flexBasis: 0, borderWidth: 1, borderColor: colors.line, borderRadius: 3, padding: 6 },
  tileLabel: { color: colors.muted, fontSize: 8 },
  tileValue: { fontSize: 16, fontFamily: 'Helvetica-Bold', marginTop: 2 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: colors.line, paddingVertical: 3 },
  headRow: {
    flexDirection: 'row',
    borderBottomWidth: 1,
    borderBottomColor: colors.ink,
    paddingVertical: 3,
    fontFamily: 'Helvetica-Bold',
  },
  cell: { paddingRight: 4 },
  right: { textAlign: 'right' },
  barRow: { flexDirection: 'row', alignItems: 'center', marginBottom: 3 },
  barLabel: { width: 170, paddingRight: 6 },
  barTrack: { flexGrow: 1, height: 9, backgroundColor: colors.soft },
  barValue: { width: 70, textAlign: 'right' },
  footer: { position: 'absolute', bottom: 20, color: colors.muted, fontSize: 7.5 },
  mono: { fontFamily: 'Courier', fontSize: 8 },
});

type PdfStyle = Parameters<typeof StyleSheet.create>[0][string];

function T({ children, style }: { children: string | number; style?: PdfStyle | PdfStyle[] }) {
  return <Text style={style}>{pdfText(String(children))}</Text>;
}

function Section({ title, children, note }: { title: string; children: ReactNode; note?: string }) {
  return (
    <View style={styles.section}>
      <View wrap={false}>
        <T style={styles.heading}>{title}</T>
        {note ? <T style={styles.note}>{note}</T> : null}
      </View>
      {children}
    </View>
  );
}

type Column<Row> = { label: string; width: number; align?: 'right'; value: (row: Row) => string };

function Table<Row>({ columns, rows, empty }: { columns: Column<Row>[]; rows: Row[]; empty: string }) {
  if (rows.length === 0) return <T style={styles.note}>{empty}</T>;
  return (
    <View>
      <View style={styles.headRow} fixed>
        {columns.map((column) => (
          <T key={column.label} style={[styles.cell, { width: `${column.width}%` }, column.align === 'right' ? styles.right : {}]}>
            {column.label}
          </T>
        ))}
      </View>
      {rows.map((row, index) => (
        <View key={index} style={styles.row} wrap={false}>
          {columns.map((column) => (
            <T key={column.label} style={[styles.cell, { width: `${column.width}%` }, column.align === 'right' ? styles.right : {}]}>
              {column.value(row)}
            </T>
          ))}
        </View>
      ))}
    </View>
  );
}

/** A horizontal bar chart: one bar per item, its width the value's share of the largest. */
function Bars({ items, color = colors.bar }: { items: { label: string; value: number; text: string }[]; color?: string }) {
  const max = Math.max(1, ...items.map((item) => item.value));
  return (
    <View>
      {items.map((item) => (
        <View key={item.label} style={styles.barRow} wrap={false}>
          <T style={styles.barLabel}>{item.label}</T>
          <View style={styles.barTrack}>
            <View style={{ width: `${(item.value / max) * 100}%`, height: 9, backgroundColor: color }} />
          </View>
          <T style={styles.barValue}>{item.text}</T>
        </View>
      ))}
    </View>
  );
}

const duration = (seconds: number | null) => (seconds === null ? dict.common.none : formatSeconds(seconds, locale) || r.lessThanSecond);
const number = (value: number) => formatNumber(value, locale);
const more = (total: number, shown: number) => (total > shown ? interpolate(p.andMore, { count: number(total - shown) }) : '');
const objectLabel = (row: { label: string | null; depot_code: string | null }) =>
  [row.label ?? dict.common.none, row.depot_code].filter(Boolean).join(' · ');

/** « novembre 2026 ». */
export function monthTitle(month: string): string {
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
}

export function BoardReportDocument({ content }: { content: ReportContent }) {
  const { summary, details, ledger } = content;
  const scope = content.scope ? interpolate(p.scopeDepot, { name: content.scope.name, code: content.scope.code }) : p.scopeAll;
  const title = interpolate(p.documentTitle, { month: monthTitle(content.month), scope });
  const severities = summary.times.filter((row) => row.scope === 'severity');
  const byCheck = new Map<string, number>();
  for (const row of summary.times.filter((item) => item.scope === 'check')) {
    byCheck.set(row.check_code!, (byCheck.get(row.check_code!) ?? 0) + row.alerts);
  }
  const checks = [...byCheck].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12);
  const grid = heatMapGrid(summary.heat_map);

  return (
    <Document
      title={pdfText(title)}
      author="Console de gouvernance"
      subject={pdfText(p.subject)}
      creator="Console de gouvernance"
      producer="Console de gouvernance"
      language="fr"
    >
      <Page size="A4" style={styles.page}>
        <T style={styles.title}>{p.heading}</T>
        <T style={styles.subtitle}>{`${monthTitle(content.month)} · ${scope}`}</T>
        <T style={styles.meta}>
          {interpolate(p.generated, {
            time: formatDateTime(content.generatedAt, locale, content.timeZone),
            zone: content.timeZone,
            name: content.generatedBy,
          })}
        </T>

        <Section title={p.keyFigures}>
          <View style={styles.tiles}>
            {[
              [r.opened, summary.opened],
              [r.resolved, summary.resolved],
              [r.stillOpen, summary.still_open],
              [r.resolvedAnyway, summary.resolved_while_active],
              [r.countersigned, summary.countersigned],
            ].map(([label, value]) => (
              <View key={String(label)} style={styles.tile}>
                <T style={styles.tileLabel}>{String(label)}</T>
                <T style={styles.tileValue}>{number(Number(value))}</T>
              </View>
            ))}
          </View>
        </Section>

        <Section title={p.bySeverity} note={r.timesIntro}>
          <Bars items={severities.map((row) => ({ label: dict.severity[row.severity!], value: row.alerts, text: number(row.alerts) }))} />
          <Table
            columns={[
              { label: r.scopeColumn, width: 24, value: (row) => (row.scope === 'all' ? r.everyAlert : dict.severity[row.severity!]) },
              { label: r.alertsColumn, width: 12, align: 'right', value: (row) => number(row.alerts) },
              { label: r.ackMedian, width: 16, align: 'right', value: (row) => duration(row.ack_p50) },
              { label: r.ackP90, width: 16, align: 'right', value: (row) => duration(row.ack_p90) },
              { label: r.resolveMedian, width: 16, align: 'right', value: (row) => duration(row.resolve_p50) },
              { label: r.resolveP90, width: 16, align: 'right', value: (row) => duration(row.resolve_p90) },
            ]}
            rows={summary.times.filter((row) => row.scope !== 'check')}
            empty={r.noAlerts}
          />
        </Section>

        <Section title={r.onTimeTitle}>
          {summary.on_time.length === 0 ? (
            <T style={styles.note}>{p.noDeadlines}</T>
          ) : (
            <Bars
              color={colors.ok}
              items={summary.on_time.flatMap((row) => [
                ...(row.ack_due > 0
                  ? [
                      {
                        label: `${dict.severity[row.severity]} · ${r.ackOnTime}`,
                        value: (row.ack_on_time / row.ack_due) * 100,
                        text: `${number(Math.floor((row.ack_on_time / row.ack_due) * 100))} % (${number(row.ack_on_time)}/${number(row.ack_due)})`,
                      },
                    ]
                  : []),
                ...(row.resolve_due > 0
                  ? [
                      {
                        label: `${dict.severity[row.severity]} · ${r.resolveOnTime}`,
                        value: (row.resolve_on_time / row.resolve_due) * 100,
                        text: `${number(Math.floor((row.resolve_on_time / row.resolve_due) * 100))} % (${number(row.resolve_on_time)}/${number(row.resolve_due)})`,
                      },
                    ]
                  : []),
              ])}
            />
          )}
        </Section>

        <Section title={p.byCheck}>
          {checks.length === 0 ? (
            <T style={styles.note}>{r.noAlerts}</T>
          ) : (
            <Bars items={checks.map(([code, alerts]) => ({ label: checkLabel(dict, code), value: alerts, text: number(alerts) }))} />
          )}
        </Section>

        <Section title={r.heatTitle}>
          {grid.checks.length === 0 ? (
            <T style={styles.note}>{r.noAlerts}</T>
          ) : (
            <Table
              columns={[
                { label: r.checkColumn, width: 40, value: (check: string) => checkLabel(dict, check) },
                ...grid.depots.map((depot) => ({
                  label: depot ?? r.platform,
                  width: 60 / grid.depots.length,
                  align: 'right' as const,
                  value: (check: string) => {
                    const cell = grid.at(depot, check);
                    return cell ? `${number(cell.alerts)}${cell.critical ? ` (${number(cell.critical)} crit.)` : ''}` : '—';
                  },
                })),
              ]}
              rows={grid.checks}
              empty={r.noAlerts}
            />
          )}
        </Section>

        <Section title={interpolate(p.openCritical, { count: number(details.open_critical.total) })} note={p.openCriticalIntro}>
          <Table
            columns={[
              {
                label: r.checkColumn,
                width: 26,
                value: (row: ReportDetails['open_critical']['items'][number]) => checkLabel(dict, row.check_code),
              },
              { label: r.entityColumn, width: 30, value: objectLabel },
              { label: p.openedColumn, width: 18, value: (row) => formatDateTime(row.first_seen_at, locale, content.timeZone) },
              { label: p.ageColumn, width: 14, align: 'right', value: (row) => duration(row.age_seconds) },
              { label: p.stateColumn, width: 12, value: (row) => (row.acknowledged ? p.acknowledged : p.notAcknowledged) },
            ]}
            rows={details.open_critical.items}
            empty={p.noneOpenCritical}
          />
          {more(details.open_critical.total, details.open_critical.items.length) ? (
            <T style={styles.note}>{more(details.open_critical.total, details.open_critical.items.length)}</T>
          ) : null}
        </Section>

        <Section title={interpolate(p.resolvedAnyway, { count: number(details.resolved_anyway.total) })} note={p.resolvedAnywayIntro}>
          <Table
            columns={[
              {
                label: r.checkColumn,
                width: 24,
                value: (row: ReportDetails['resolved_anyway']['items'][number]) => checkLabel(dict, row.check_code),
              },
              { label: r.entityColumn, width: 22, value: objectLabel },
              { label: p.resolvedAtColumn, width: 17, value: (row) => formatDateTime(row.resolved_at, locale, content.timeZone) },
              { label: p.byColumn, width: 15, value: (row) => row.resolved_by_name ?? dict.common.none },
              { label: r.reasonColumn, width: 22, value: (row) => resolutionReasonLabel(row.reason, dict.alerts) },
            ]}
            rows={details.resolved_anyway.items}
            empty={p.noneResolvedAnyway}
          />
          {more(details.resolved_anyway.total, details.resolved_anyway.items.length) ? (
            <T style={styles.note}>{more(details.resolved_anyway.total, details.resolved_anyway.items.length)}</T>
          ) : null}
        </Section>

        <Section title={interpolate(p.fourEyes, { count: number(details.four_eyes.total) })} note={p.fourEyesIntro}>
          <Table
            columns={[
              {
                label: r.checkColumn,
                width: 24,
                value: (row: ReportDetails['four_eyes']['items'][number]) => checkLabel(dict, row.check_code),
              },
              { label: r.entityColumn, width: 22, value: objectLabel },
              {
                label: p.requestedColumn,
                width: 27,
                value: (row) =>
                  `${row.requested_by_name ?? dict.common.none}, ${formatDateTime(row.requested_at, locale, content.timeZone)}`,
              },
              {
                label: p.outcomeColumn,
                width: 27,
                value: (row) =>
                  row.outcome && row.decided_at
                    ? interpolate(p.outcomes[row.outcome], {
                        name: row.decided_by_name ?? dict.common.none,
                        time: formatDateTime(row.decided_at, locale, content.timeZone),
                      })
                    : p.awaitingCountersign,
              },
            ]}
            rows={details.four_eyes.items}
            empty={p.noneFourEyes}
          />
        </Section>

        <Section
          title={interpolate(p.findings, { count: number(details.findings.total) })}
          note={content.scope ? p.findingsHeadOffice : p.findingsIntro}
        >
          {content.scope ? null : (
            <Table
              columns={[
                {
                  label: r.checkColumn,
                  width: 26,
                  value: (row: ReportDetails['findings']['items'][number]) => checkLabel(dict, row.check_code),
                },
                { label: p.severityColumn, width: 12, value: (row) => dict.severity[row.severity] },
                { label: p.messageColumn, width: 40, value: (row) => row.message },
                {
                  label: p.stateColumn,
                  width: 22,
                  value: (row) =>
                    row.resolved_at
                      ? interpolate(p.resolvedOn, { time: formatDate(row.resolved_at, locale, content.timeZone) })
                      : p.stillActive,
                },
              ]}
              rows={details.findings.items}
              empty={p.noneFindings}
            />
          )}
        </Section>

        <Section title={r.reasonsTitle}>
          <Table
            columns={[
              {
                label: r.reasonColumn,
                width: 60,
                value: (row: ReviewSummary['reasons'][number]) => resolutionReasonLabel(row.reason, dict.alerts),
              },
              { label: r.resolvedColumn, width: 20, align: 'right', value: (row) => number(row.resolved) },
              { label: r.anywayColumn, width: 20, align: 'right', value: (row) => number(row.resolved_while_active) },
            ]}
            rows={summary.reasons}
            empty={p.noneResolved}
          />
        </Section>

        <Section title={r.entitiesTitle}>
          <Table
            columns={[
              { label: r.entityColumn, width: 40, value: (row: ReviewSummary['entities'][number]) => objectLabel(row) },
              { label: r.alertsColumn, width: 15, align: 'right', value: (row) => number(row.alerts) },
              { label: r.recurrencesColumn, width: 15, align: 'right', value: (row) => number(row.recurrences) },
              { label: r.checksColumn, width: 30, value: (row) => row.checks.map((code) => checkLabel(dict, code)).join(', ') },
            ]}
            rows={summary.entities}
            empty={r.noAlerts}
          />
        </Section>

        <Section title={p.ledgerTitle}>
          <View wrap={false}>
            <T style={{ fontFamily: 'Helvetica-Bold', color: ledger.valid ? colors.ok : colors.critical }}>
              {ledger.valid
                ? content.showLedgerSize && ledger.checked !== null
                  ? interpolate(p.ledgerValidCount, { count: number(ledger.checked) })
                  : p.ledgerValid
                : p.ledgerBroken}
            </T>
            <T style={{ marginTop: 4 }}>{ledger.head ? interpolate(p.ledgerHead, { id: ledger.head.id }) : p.ledgerEmpty}</T>
            {ledger.head ? <T style={styles.mono}>{ledger.head.hash}</T> : null}
            <T style={[styles.note, { marginTop: 8 }]}>{p.manifestNote}</T>
          </View>
        </Section>

        <Text style={[styles.footer, { left: 40, right: 200 }]} fixed>
          {pdfText(title)}
        </Text>
        <Text
          style={[styles.footer, { left: 400, right: 40, textAlign: 'right' }]}
          fixed
          render={({ pageNumber, totalPages }) => pdfText(interpolate(p.pageOf, { page: pageNumber, pages: totalPages }))}
        />
      </Page>
    </Document>
  );
}
