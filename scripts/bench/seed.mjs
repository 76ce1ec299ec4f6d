/**
 * `npm run bench:seed -- --scale N [--seed S]`: realistic depot data at scale N, on top of the demo
 * seed, deterministic from S (default 1). Set-based SQL only (generate_series; hashes of the seed
 * and the row number for variation), run as the superuser against DATABASE_URL (default: the bench
 * stack, 127.0.0.1:63322).
 *
 *   per unit of scale        scale 1     scale 100
 *   depots      ½            1           50
 *   tanks       20 (40/depot) 20          2,000
 *   daily stock 3 years/tank 21,900      2,190,000
 *   trucks      2,000        2,000       200,000
 *   receipts    2,500        2,500       250,000
 *   outflows    2,500        2,500       250,000
 *   alerts      1,000        1,000       100,000 (each opened → acknowledged → cleared → resolved,
 *                                                 through the ledger triggers: 4 events each)
 * Anomalies at field rates: 1 % of tanks with a negative latest stock line and 1.5 % over capacity,
 * 0.5 % of trucks left ARRIVE unloaded for days, 1.5 % of movements off their Table 54B volume,
 * 10 % of the last 30 days' movements stamped with the previous calc_version — about 10,000
 * integrity check rows at scale 100. Also 16 bench admins (bench-admin-01…16@depot.test, password
 * demo-governance) so the concurrent benchmark acts as 16 different people.
 *
 * Needs a fresh stack (the ledger is append-only, so a second run cannot undo the first): it refuses
 * to run twice on the same database.
 */
import pg from "pg";

export const BENCH_DB_URL = "postgresql://postgres:postgres@127.0.0.1:63322/postgres";

/**
 * @param {string[]} argv
 * @returns {{ scale: number, seed: number }}
 */
export function parseSeedArgs(argv) {
  const get = (/** @type {string} */ name, /** @type {number} */ fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
  };
  const scale = get("scale", 1);
  const seed = get("seed", 1);
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) throw new Error("--scale must be an integer between 1 and 1000");
  if (!Number.isInteger(seed) || seed < 0) throw new Error("--seed must be a non-negative integer");
  return { scale, seed };
}

/**
 * The statements, in order: [label, sql]. `:S` is the seed, the sizes are inlined.
 * @param {{ scale: number, seed: number }} options
 * @returns {[label: string, sql: string][]}
 */
function statements({ scale, seed }) {
  const depots = Math.max(1, Math.round(scale / 2));
  const tanksPerDepot = scale < 2 ? 20 : 40;
  const tanks = depots * tanksPerDepot;
  const days = 1095;
  const trucks = 2000 * scale;
  const receipts = 2500 * scale;
  const outflows = 2500 * scale;
  const alerts = 1000 * scale;
  const S = `'bench${seed}'`;
  // A deterministic number in [0, 1) from a text key.
  const h = (/** @type {string} */ key) => `((abs(hashtext(${S} || ${key}))::bigint % 1000003) / 1000003.0)`;
  // IMPORTANT: shaped as RFC 4122 version 4 UUIDs (version and variant nibbles set), like the
  // gen_random_uuid() ids of real data: the console validates ids with z.uuid(), and a bare md5
  // passes it one time in eight — the others made the alert page 404 and keyset cursors invalid.
  const id = (/** @type {string} */ kind, /** @type {string} */ n) =>
    `overlay(overlay(md5(${S} || ':${kind}:' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`;

  return [
    [
      "helpers",
      `create temporary table bench_factor as
      select p.id as produit_id, row_number() over (order by p.code) - 1 as k, p.densite_15c_reference as densite,
        public.vcf_table_54b(p.densite_15c_reference, 28) as vcf
      from public.produits p
      -- The products whose volumes can be corrected (the demo seed has one without a density).
      where p.densite_15c_reference is not null`,
    ],
    [
      "depots",
      `insert into public.depots (id, code, nom)
      select ${id("depot", "d")}, 'B' || lpad(d::text, 3, '0'), 'Dépôt bench ' || d
      from generate_series(1, ${depots}) d`,
    ],
    [
      "tanks",
      `insert into public.citernes (id, depot_id, produit_id, code, nom, capacite_totale, capacite_securite, created_at)
      select ${id("tank", "t")}, ${id("depot", `1 + (t - 1) / ${tanksPerDepot}`)}, f.produit_id,
        'B' || lpad((1 + (t - 1) / ${tanksPerDepot})::text, 3, '0') || '-T' || lpad((1 + (t - 1) % ${tanksPerDepot})::text, 2, '0'),
        'Citerne bench ' || t, c.cap, c.cap * 0.95, now() - make_interval(days => ${days} + 1)
      from generate_series(1, ${tanks}) t
      join bench_factor f on f.k = t % 5
      cross join lateral (select (1000000 + floor(${h("':cap:' || t")} * 8) * 500000)::numeric as cap) c`,
    ],
    [
      "daily stock",
      `insert into public.stocks_journaliers (citerne_id, date_jour, stock_ambiant, stock_15c)
      select ${id("tank", "t")}, current_date - d, l.amb, round(l.amb * f.vcf, 3)
      from generate_series(1, ${tanks}) t
      join bench_factor f on f.k = t % 5
      cross join lateral (select (1000000 + floor(${h("':cap:' || t")} * 8) * 500000)::numeric as cap) c
      cross join generate_series(0, ${days - 1}) d
      cross join lateral (select case
          when d = 0 and ${h("':neg:' || t")} < 0.01 then -1000 - round(${h("':negv:' || t")} * 5000)
          when d = 0 and ${h("':neg:' || t")} < 0.025 then round(c.cap * 1.01)
          when ${h("':old:' || t || ':' || d")} < 0.0005 then -500
          else round(c.cap * (0.30 + 0.40 * ${h("':lvl:' || t || ':' || d")}))
        end as amb) l
      -- One tank in a hundred has a gap in its stock book over the last two days: STOCK_JOURNAL_MISSING.
      where not (d between 1 and 2 and ${h("':gap:' || t")} < 0.01)`,
    ],
    [
      "trucks",
      `insert into public.cours_de_route (id, depot_id, produit_id, immatriculation, transporteur, volume_ambiant,
        statut, date_chargement, date_arrivee, date_dechargement)
      select ${id("truck", "n")}, ${id("depot", `1 + n % ${depots}`)}, f.produit_id,
        (1000 + n % 9000)::text || '-' || chr(65 + n % 26) || chr(65 + (n / 26) % 26) || '-CI',
        (array['SOTRA Logistique', 'Trans-Lagune', 'Ivoire Citernes', 'Sahel Transport'])[1 + n % 4],
        30000 + (n % 10) * 1000, s.statut, s.loaded,
        case when s.statut in ('ARRIVE', 'DECHARGE') then s.arrived end,
        case when s.statut = 'DECHARGE' then s.arrived + interval '5 hours' end
      from generate_series(1, ${trucks}) n
      join bench_factor f on f.k = n % 5
      cross join lateral (select now() - make_interval(secs => (${trucks} - n)::double precision / ${trucks} * ${days} * 86400) as loaded) a
      cross join lateral (select a.loaded,
        case
          when a.loaded > now() - interval '3 days' then (array['CHARGEMENT', 'TRANSIT', 'FRONTIERE', 'ARRIVE'])[1 + n % 4]
          when ${h("':stale:' || n")} < 0.005 then 'ARRIVE'
          else 'DECHARGE'
        end as statut,
        case
          when a.loaded > now() - interval '3 days' then now() - interval '2 hours'
          else now() - make_interval(hours => 60 + floor(${h("':stalev:' || n")} * 600)::int)
        end as stale_at) s0
      cross join lateral (select s0.statut, s0.loaded,
        case when s0.statut = 'ARRIVE' then s0.stale_at else s0.loaded + interval '2 days' end as arrived) s`,
    ],
    [
      "receipts",
      `insert into public.receptions (id, citerne_id, cours_de_route_id, date_reception, volume_ambiant, volume_15c,
        temperature_c, densite_15c, calc_version)
      select ${id("rec", "n")}, ${id("tank", "m.t")}, case when n <= ${trucks} then ${id("truck", "n")} end, m.at, m.vol,
        round(public.volume_15c_table_54b(m.vol, m.dens, m.temp) * m.skew, 3), m.temp, m.dens,
        case when m.at > now() - interval '30 days' and ${h("':cv:' || n")} < 0.1 then 'calc-2.2.1' else 'calc-2.3.0' end
      from generate_series(1, ${receipts}) n
      cross join lateral (select 1 + floor(${h("':rt:' || n")} * ${tanks})::int as t) tt
      join bench_factor f on f.k = tt.t % 5
      cross join lateral (select tt.t,
        now() - make_interval(secs => (${receipts} - n)::double precision / ${receipts} * ${days} * 86400) as at,
        (20000 + floor(${h("':rv:' || n")} * 20) * 1000)::numeric as vol,
        round((18 + ${h("':rtp:' || n")} * 17)::numeric, 1) as temp,
        round((f.densite + (${h("':rd:' || n")} - 0.5) * 6)::numeric, 1) as dens,
        case when ${h("':ecart:' || n")} < 0.015
          then 1 + (case when n % 2 = 0 then 1 else -1 end) * (0.006 + ${h("':ecv:' || n")} * 0.014)
          else 1 end as skew) m`,
    ],
    [
      "outflows",
      `insert into public.sorties_produit (id, citerne_id, date_sortie, beneficiaire, volume_ambiant, volume_15c,
        temperature_c, densite_15c, calc_version)
      select ${id("out", "n")}, ${id("tank", "m.t")}, m.at,
        (array['Station Plateau', 'Station Yopougon', 'Aéroport FHB', 'Centrale Azito', 'Station Bouaké'])[1 + n % 5], m.vol,
        round(public.volume_15c_table_54b(m.vol, m.dens, m.temp) * m.skew, 3), m.temp, m.dens,
        case when m.at > now() - interval '30 days' and ${h("':ocv:' || n")} < 0.1 then 'calc-2.2.1' else 'calc-2.3.0' end
      from generate_series(1, ${outflows}) n
      cross join lateral (select 1 + floor(${h("':ot:' || n")} * ${tanks})::int as t) tt
      join bench_factor f on f.k = tt.t % 5
      cross join lateral (select tt.t,
        now() - make_interval(secs => (${outflows} - n)::double precision / ${outflows} * ${days} * 86400) as at,
        (5000 + floor(${h("':ov:' || n")} * 30) * 500)::numeric as vol,
        round((18 + ${h("':otp:' || n")} * 17)::numeric, 1) as temp,
        round((f.densite + (${h("':od:' || n")} - 0.5) * 4)::numeric, 1) as dens,
        case when ${h("':oecart:' || n")} < 0.015
          then 1 + (case when n % 2 = 0 then 1 else -1 end) * (0.006 + ${h("':oecv:' || n")} * 0.014)
          else 1 end as skew) m`,
    ],
    [
      "bench admins",
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
        raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
        confirmation_token, recovery_token, email_change_token_new, email_change)
      select '00000000-0000-0000-0000-000000000000', ${id("admin", "i")}, 'authenticated', 'authenticated',
        'bench-admin-' || lpad(i::text, 2, '0') || '@depot.test',
        extensions.crypt('demo-governance', extensions.gen_salt('bf', 6)), now(),
        '{"provider":"email","providers":["email"]}'::jsonb, jsonb_build_object('nom_complet', 'Admin bench ' || i),
        now(), now(), '', '', '', ''
      from generate_series(1, 16) i`,
    ],
    [
      "bench admin profiles",
      `insert into public.profils (user_id, role, nom_complet)
      select ${id("admin", "i")}, 'admin', 'Admin bench ' || i from generate_series(1, 16) i`,
    ],
    // The alert history: opened, acknowledged, cleared and resolved through the real triggers, so
    // the ledger writes and seals every event as in production (4 per alert).
    [
      "alert history (table)",
      `create temporary table bench_alerts as
      select ${id("alert", "n")} as id, n, k.check_code, k.severity, k.entity_type, k.entity_id, k.message,
        t.first_seen, t.first_seen + make_interval(mins => 20 + (n * 37) % 300) as acked,
        t.first_seen + make_interval(mins => 20 + (n * 37) % 300) + make_interval(hours => 1 + (n * 13) % 40) as cleared,
        t.first_seen + make_interval(mins => 20 + (n * 37) % 300) + make_interval(hours => 2 + (n * 13) % 40) as resolved,
        case when n % 3 = 0 then '00000000-0000-4000-8000-000000000002'::uuid else '00000000-0000-4000-8000-000000000001'::uuid end as acked_by,
        (array['Vu, vérification en cours.', null, 'Équipe de quai prévenue.', 'Contrôle demandé au chef de dépôt.'])[1 + n % 4] as ack_note,
        (array['Erreur de saisie corrigée dans le livre de stock.', 'Jaugeage refait : écart expliqué par la température.',
          'Camion déchargé, bon de réception saisi.', 'Recalcul à 15 °C effectué avec la bonne densité.'])[1 + n % 4] as resolution_note
      from generate_series(1, ${alerts}) n
      cross join lateral (select now() - interval '3 days'
        - make_interval(secs => (${alerts} - n)::double precision / ${alerts} * (${days} - 5) * 86400) as first_seen) t
      cross join lateral (select * from (values
        (0, 'ECART_15C', 'WARN', 'reception', ${id("rec", `1 + (n * 7919) % ${receipts}`)}::text,
          'Réception bench ' || n || ' : écart de volume à 15 °C au-delà de la tolérance'),
        (1, 'CDR_ARRIVE_STALE', 'WARN', 'cours_de_route', ${id("truck", `1 + (n * 7919) % ${trucks}`)}::text,
          'Camion ' || (1000 + n % 9000) || ' arrivé, non déchargé au-delà du seuil'),
        (2, 'ECART_15C', 'WARN', 'sortie_produit', ${id("out", `1 + (n * 7919) % ${outflows}`)}::text,
          'Sortie bench ' || n || ' : écart de volume à 15 °C au-delà de la tolérance'),
        (3, case when n % 8 = 3 then 'STOCK_OVER_CAPACITY' else 'STOCK_NEGATIF' end, 'CRITICAL', 'citerne',
          ${id("tank", `1 + (n * 7919) % ${tanks}`)}::text,
          'Citerne bench ' || (1 + (n * 7919) % ${tanks}) || case when n % 8 = 3 then ' : stock au-delà de la capacité totale' else ' : stock négatif' end)
      ) v (kind, check_code, severity, entity_type, entity_id, message) where v.kind = n % 4) k`,
    ],
    // At most one active alert per fingerprint: alerts on the same entity go through their lives in
    // generations (the n-th alert of each entity in generation n).
    [
      "alert history (generations)",
      `alter table bench_alerts add column gen integer;
      update bench_alerts b set gen = g.gen from (
        select id, row_number() over (partition by check_code, entity_type, entity_id order by n)::int as gen from bench_alerts) g
      where g.id = b.id`,
    ],
    [
      "GEN alerts: opened",
      `insert into public.system_alerts (id, fingerprint, check_code, severity, entity_type, entity_id, message, details,
        status, first_seen_at, last_seen_at, created_at)
      select h.id, h.check_code || ':' || h.entity_type || ':' || h.entity_id, h.check_code, h.severity, h.entity_type,
        h.entity_id, h.message, jsonb_build_object('bench', true, 'n', h.n), 'OPEN', h.first_seen, h.cleared, h.first_seen
      from bench_alerts h where h.gen = $1 order by h.first_seen`,
    ],
    [
      "GEN alerts: acknowledged",
      `update public.system_alerts a set status = 'ACK', acknowledged_at = h.acked, acknowledged_by = h.acked_by, ack_note = h.ack_note
      from bench_alerts h where a.id = h.id and h.gen = $1`,
    ],
    ["GEN alerts: cleared", `update public.system_alerts a set cleared_at = h.cleared from bench_alerts h where a.id = h.id and h.gen = $1`],
    [
      "GEN alerts: resolved",
      `update public.system_alerts a set status = 'RESOLVED', resolved_at = h.resolved,
        resolved_by = '00000000-0000-4000-8000-000000000002', resolution_note = h.resolution_note,
        resolution_reason = 'fixed_at_source'
      from bench_alerts h where a.id = h.id and h.gen = $1`,
    ],
  ];
}

/**
 * @typedef {{ step: string, rows: number, ms: number }} SeedStep
 */

/**
 * Loads the bench data at `scale` into the database, in one transaction, then vacuums it.
 * @param {{ scale: number, seed: number, databaseUrl?: string, log?: (message: string) => void }} options
 * @returns {Promise<{ scale: number, seed: number, seconds: number, steps: SeedStep[] }>}
 */
export async function seedBench({ scale, seed, databaseUrl = process.env.DATABASE_URL || BENCH_DB_URL, log = console.log }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  /** @type {SeedStep[]} */
  const steps = [];
  try {
    const { rowCount } = await client.query("select 1 from public.depots where code = 'B001'");
    if (rowCount) throw new Error("bench data is already loaded: start from a fresh stack (the ledger is append-only)");
    await client.query("set synchronous_commit = off");
    await client.query("set work_mem = '256MB'");
    await client.query("set maintenance_work_mem = '512MB'");
    await client.query("begin");
    const all = statements({ scale, seed });
    const record = (/** @type {string} */ label, /** @type {number} */ rowCount, /** @type {number} */ ms) => {
      steps.push({ step: label, rows: rowCount, ms: Math.round(ms) });
      log(`[bench:seed] ${label.padEnd(28)} ${String(rowCount).padStart(9)} rows  ${(ms / 1000).toFixed(1)} s`);
    };
    for (const [label, sql] of all.filter(([label]) => !label.startsWith("GEN "))) {
      const t0 = performance.now();
      let rowCount = 0;
      for (const part of sql.split(/;\n/)) rowCount = (await client.query(part)).rowCount ?? 0;
      record(label, rowCount, performance.now() - t0);
    }
    // Each generation goes through its whole life before the next one opens.
    const lifecycle = all.filter(([label]) => label.startsWith("GEN ")).map(([label, sql]) => ({ label, sql, rows: 0, ms: 0 }));
    /** @type {import("pg").QueryResult<{ n: number }>} */
    const { rows: genRows } = await client.query("select coalesce(max(gen), 0)::int as n from bench_alerts");
    for (let gen = 1; gen <= (genRows[0]?.n ?? 0); gen++) {
      for (const step of lifecycle) {
        const t0 = performance.now();
        step.rows += (await client.query(step.sql, [gen])).rowCount ?? 0;
        step.ms += performance.now() - t0;
      }
    }
    for (const step of lifecycle) record(step.label.replace(/^GEN /, ""), step.rows, step.ms);
    await client.query("commit");
    const t0 = performance.now();
    await client.query("vacuum (analyze)");
    steps.push({ step: "vacuum analyze", rows: 0, ms: Math.round(performance.now() - t0) });
    log(`[bench:seed] vacuum analyze ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - started) / 1000;
  log(`[bench:seed] scale ${scale}, seed ${seed}: ${seconds.toFixed(1)} s`);
  return { scale, seed, seconds, steps };
}

const isMain = process.argv[1] && new URL(import.meta.url).pathname === (await import("node:path")).resolve(process.argv[1]);
if (isMain) {
  try {
    await seedBench(parseSeedArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`[bench:seed] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
