import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { signedIn } from '../supabase/tests/support/clients';
import { AuditPage } from './pages/audit-page';
import { consolePublicKey, verifyExport } from './support/audit';
import { signIn } from './support/session';
import { closeDb, openAlert, query, removeFixtures } from './support/db';

/** The page's count of events, singular for 0 and 1 as French has it. */
/** A count as the French page writes it: « 1 234 » (a narrow no-break space between thousands). */
const frenchNumber = (count: number) => new Intl.NumberFormat('fr-FR').format(count);
const events = (count: number) => `${frenchNumber(count)} ${count > 1 ? 'événements' : 'événement'} pour ces filtres`;

/** Events per type in the default period (the last 30 days up to today, depot time), straight from the ledger. */
async function ledgerCount(type?: string): Promise<number> {
  const [row] = await query<{ count: number }>(
    `select count(*)::int as count
     from public.system_alert_events, (select depot_time_zone as zone from public.governance_settings where id) s
     where occurred_at >= ((now() at time zone s.zone)::date - 30)::timestamp at time zone s.zone
       and ($1::text is null or event_type = $1)`,
    [type ?? null],
  );
  return row!.count;
}

test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test.describe('audit log', () => {
  test('pca sees an intact chain, filters by event type, and both exports re-verify', async ({ page, request }, testInfo) => {
    const publicKey = await consolePublicKey(request, testInfo);
    // An acknowledgement whose note looks like markup: the page must show it as text.
    const { alert } = await openAlert();
    const note = '<img src=x onerror="window.__pwned = 1"> Jaugeage <b>refait</b>';
    const admin = await signedIn('admin');
    const { error } = await admin.client.from('system_alerts').update({ status: 'ACK', ack_note: note }).eq('id', alert.id);
    expect(error).toBeNull();
    const [event] = await query<{ id: string }>(
      `select id::text from public.system_alert_events where alert_id = $1 and event_type = 'acknowledged'`,
      [alert.id],
    );

    const [{ count: ledgerTotal }] = (await query<{ count: number }>(
      'select count(*)::int as count from public.system_alert_events',
    )) as [{ count: number }];
    await signIn(page.context(), 'pca');
    await page.goto('/governance/audit');
    const audit = new AuditPage(page);
    await expect(page).toHaveURL(/\/governance\/audit$/);
    await expect(audit.heading()).toBeVisible();
    await expect(audit.chainStatus()).toHaveAttribute('data-valid', 'true');
    await expect(audit.chainStatus()).toContainText(`Chaîne intègre — ${frenchNumber(ledgerTotal)} événements vérifiés`);
    await expect(audit.total()).toContainText(events(await ledgerCount()));

    // Newest first: the acknowledgement just made, by Awa Koné (Administrateur), note as plain text.
    const ackRow = audit.row(event!.id);
    await expect(ackRow).toContainText('Acquittée');
    await expect(ackRow).toContainText('Awa Koné');
    await expect(ackRow).toContainText('Administrateur');
    await expect(ackRow.getByTestId('audit-note')).toHaveText(note);
    await expect(ackRow.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(ackRow.getByRole('link')).toHaveAttribute('href', `/governance/alerts/${alert.id}`);
    const [stored] = await query<{ hash: string }>('select hash from public.system_alert_events where id = $1', [event!.id]);
    await expect(ackRow.getByTestId('audit-hash')).toHaveText(stored!.hash.slice(0, 10));
    await expect(ackRow.getByTestId('audit-hash')).toHaveAttribute('title', stored!.hash);

    await page.screenshot({ path: 'test-results/screenshots/audit.png', fullPage: true });
    await page.setViewportSize({ width: 800, height: 900 });
    await page.screenshot({ path: 'test-results/screenshots/audit-800.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    // Filter by event type: the URL carries it, every row is of that type.
    await audit.filterByEventType('Résolue');
    await expect(page).toHaveURL(/[?&]type=resolved(&|$)/);
    const resolved = await ledgerCount('resolved');
    await expect(audit.total()).toContainText(events(resolved));
    await expect(audit.rows().first()).toBeVisible();
    for (const type of await audit.rows().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event-type')))) {
      expect(type).toBe('resolved');
    }
    await expect(audit.filters().getByLabel('Événement')).toHaveValue('resolved');

    // JSON export of the filtered view: every resolved event, hashes that recompute.
    const json = await audit.download('Exporter en JSON (avec empreintes)');
    expect(json.suggestedFilename()).toMatch(/^journal-alertes-\d{8}-\d{4}\.jsonl$/);
    const jsonFile = testInfo.outputPath(json.suggestedFilename());
    await json.saveAs(jsonFile);
    const lines = (await readFile(jsonFile, 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'governance-alert-ledger', filters: { type: 'resolved' } });
    // The header, the events, then the signed manifest of this filtered export.
    expect(lines).toHaveLength(resolved + 2);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      manifest: { filters: { type: 'resolved' }, row_count: resolved, key_fingerprint: publicKey.fingerprint_sha256 },
    });
    const jsonCheck = await verifyExport(jsonFile, publicKey.file);
    expect(jsonCheck.stdout).toContain(`OK: ${resolved} events verified`);
    expect(jsonCheck.code).toBe(0);

    // CSV export of the whole period (filters reset).
    await page.getByTestId('audit-reset').click();
    await expect(page).toHaveURL(/\/governance\/audit$/);
    await expect(audit.filters().getByLabel('Événement')).toHaveValue('');
    const csv = await audit.download('Exporter en CSV');
    expect(csv.suggestedFilename()).toMatch(/^journal-alertes-\d{8}-\d{4}\.csv$/);
    const csvFile = testInfo.outputPath(csv.suggestedFilename());
    await csv.saveAs(csvFile);
    // UTF-8 byte-order mark, so a spreadsheet reads the accents right.
    expect([...(await readFile(csvFile)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvCheck = await verifyExport(csvFile, publicKey.file);
    expect(csvCheck.stdout).toContain(`OK: ${await ledgerCount()} events verified`);
    expect(csvCheck.code).toBe(0);
  });

  test('pca exports the whole ledger: the verifier accepts both formats with the console’s public key and refuses a copy with a row removed', async ({
    page,
    request,
  }, testInfo) => {
    const publicKey = await consolePublicKey(request, testInfo);
    const [head] = await query<{ id: string; hash: string; count: number }>(
      `select e.id::text, e.hash, (select count(*)::int from public.system_alert_events) as count
       from public.system_alert_events e order by e.id desc limit 1`,
    );

    await signIn(page.context(), 'pca');
    await page.goto('/governance/audit');
    const audit = new AuditPage(page);
    // The page shows the same key: the fingerprint in full, the PEM to copy.
    await expect(audit.signingKey().getByTestId('audit-signing-key-fingerprint')).toHaveText(publicKey.fingerprint_sha256);
    await audit.signingKey().getByText('Clé publique (PEM)').click();
    await expect(audit.signingKey().getByTestId('audit-signing-key-pem')).toHaveText(publicKey.public_key_pem.trim());
    await expect(audit.signingKey()).toContainText('Clé locale de démonstration');

    const files: Record<'jsonl' | 'csv', string> = { jsonl: '', csv: '' };
    for (const [format, link] of [
      ['jsonl', 'Tout le journal en JSON'],
      ['csv', 'Tout le journal en CSV'],
    ] as const) {
      const download = await audit.download(link);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^journal-alertes-complet-\\d{8}-\\d{4}\\.${format}$`));
      files[format] = testInfo.outputPath(download.suggestedFilename());
      await download.saveAs(files[format]);
      const check = await verifyExport(files[format], publicKey.file);
      expect(check.stdout).toContain(`OK: ${head!.count} events verified; manifest signed by key ${publicKey.fingerprint_sha256}`);
      expect(check.stdout).toContain(`the whole ledger, one unbroken chain from its first event to the head #${head!.id} ${head!.hash}`);
      expect(check.code).toBe(0);
    }

    // Without the console's key, no OK: the reviewer is told where to get it.
    const unkeyed = await verifyExport(files.jsonl);
    expect(unkeyed.code).toBe(1);
    expect(unkeyed.stdout).toContain('/api/audit/public-key');
    expect(unkeyed.stdout).not.toMatch(/^OK/m);

    // A copy with one event removed (JSON Lines: its line; CSV: its record) is refused.
    const removedId = Number(head!.id) - 5;
    const jsonl = (await readFile(files.jsonl, 'utf8')).split('\n');
    const jsonlCopy = testInfo.outputPath('one-row-removed.jsonl');
    await writeFile(jsonlCopy, jsonl.filter((line) => !line.startsWith(`{"id":${removedId},`)).join('\n'));
    const csv = await readFile(files.csv);
    const records = parse(csv, { bom: true, raw: true, columns: true }) as { record: { id: string }; raw: string }[];
    const csvCopy = testInfo.outputPath('one-row-removed.csv');
    await writeFile(
      csvCopy,
      csv.subarray(0, csv.indexOf(0x0a) + 1).toString('utf8') +
        records
          .filter(({ record }) => record.id !== String(removedId))
          .map(({ raw }) => raw)
          .join(''),
    );
    for (const copy of [jsonlCopy, csvCopy]) {
      const check = await verifyExport(copy, publicKey.file);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain("BROKEN: the file's SHA-256");
      expect(check.stdout).toContain(`BROKEN: the manifest counts ${head!.count} events, the file holds ${head!.count - 1}.`);
      expect(check.stdout).toContain(
        `event #${removedId + 1} does not link to #${removedId - 1} before it: event #${removedId} is missing`,
      );
      expect(check.stdout).not.toMatch(/^OK/m);
    }
  });

  test('a tampered event turns the panel red, names the event, and its export fails verification', async ({
    page,
    request,
  }, testInfo) => {
    const publicKey = await consolePublicKey(request, testInfo);
    // IMPORTANT: the ledger refuses every UPDATE; the superuser bypasses its triggers for this one
    // statement (replica mode) to play an attacker with database access, and puts the note back after.
    const [target] = await query<{ id: string }>(
      `select id::text from public.system_alert_events e where note is not null order by e.id limit 1`,
    );
    const id = Number(target!.id);
    const suffix = ' (modifiée)';
    const tamper = (sql: string) => query(`do $$ begin set local session_replication_role = replica; ${sql}; end $$`);
    await tamper(`update public.system_alert_events set note = note || '${suffix}' where id = ${id}`);
    try {
      await signIn(page.context(), 'pca');
      await page.goto('/governance/audit');
      const audit = new AuditPage(page);
      await expect(audit.chainStatus()).toHaveAttribute('data-valid', 'false');
      await expect(audit.chainStatus()).toContainText(
        `Chaîne rompue à l’événement #${id} : son contenu ne correspond plus à son empreinte`,
      );
      await expect(audit.chainStatus().getByRole('alert')).toContainText(`#${id}`);
      await page.screenshot({ path: 'test-results/screenshots/audit-broken.png' });

      // The link lists the ledger from the broken event down.
      await audit.chainStatus().getByRole('link').click();
      await expect(page).toHaveURL(new RegExp(`[?&]before=${id + 1}(&|$)`));
      await expect(audit.rows().first()).toHaveAttribute('data-event-id', String(id));

      // An export of that stretch carries the altered row; the verifier names it.
      const json = await audit.download('Exporter en JSON (avec empreintes)');
      const file = testInfo.outputPath('tampered.jsonl');
      await json.saveAs(file);
      // Signed by the console as it read the ledger: the signature holds, the chain does not.
      const check = await verifyExport(file, publicKey.file);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain(`BROKEN at event ${id}`);
    } finally {
      await tamper(
        `update public.system_alert_events set note = left(note, length(note) - ${suffix.length}) where id = ${id} and note like '%${suffix}'`,
      );
    }
    const [chain] = await query<{ valid: boolean }>('select valid from public.verify_alert_event_chain()');
    expect(chain!.valid).toBe(true);
  });

  test('“Suivant” pages down the ledger by id, newest first, without overlap', async ({ page }) => {
    await signIn(page.context(), 'directeur');
    await page.goto('/governance/audit');
    const audit = new AuditPage(page);
    const ids = async () => await audit.rows().evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-event-id'))));
    await expect(audit.rows()).toHaveCount(50);
    const first = await ids();
    expect([...first].sort((a, b) => b - a)).toEqual(first);
    await page.getByRole('link', { name: 'Suivant' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]before=${first.at(-1)}(&|$)`));
    await expect(audit.rows().first()).toHaveAttribute('data-event-id', /\d+/);
    const second = await ids();
    expect(second[0]).toBeLessThan(first.at(-1)!);
    await expect(page.getByRole('link', { name: 'Plus récents' })).toBeVisible();
  });

  test('the export answers 400 to nonsense filters, with the field named', async ({ page }) => {
    await signIn(page.context(), 'pca');
    await page.goto('/governance/audit');
    const response = await page.request.get('/api/audit/export?format=jsonl&from=2026-02-30&type=deleted');
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(body.error).toBe('invalid_filters');
    expect(body.issues.map((issue: { field: string }) => issue.field).sort()).toEqual(['from', 'type']);
    expect((await page.request.get('/api/audit/export?format=xml')).status()).toBe(400);
    // The whole ledger takes no filter.
    const whole = await page.request.get('/api/audit/export?format=csv&scope=all&type=resolved');
    expect(whole.status()).toBe(400);
    expect((await whole.json()).issues).toEqual([{ field: 'type', message: 'notWithScopeAll' }]);
  });

  test('operateur gets the 403 page and a 403 from the export', async ({ page }) => {
    await signIn(page.context(), 'operateur');
    const audit = new AuditPage(page);
    const response = await audit.goto();
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('forbidden')).toContainText('Accès refusé');
    await expect(audit.chainStatus()).toHaveCount(0);

    const exported = await page.request.get('/api/audit/export?format=jsonl');
    expect(exported.status()).toBe(403);
    expect(exported.headers()['content-type']).toContain('application/json');
    expect(await exported.json()).toMatchObject({ error: 'forbidden' });
  });

  test('without a session the export answers 401, and the page sends to sign-in', async ({ page, request }) => {
    for (const format of ['jsonl', 'csv']) {
      const response = await request.get(`/api/audit/export?format=${format}`);
      expect(response.status()).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
    }
    await page.goto('/governance/audit');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fgovernance%2Faudit/);
  });
});
