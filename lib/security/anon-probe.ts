/**
 * The anon probe (DESIGN §2.6): the anon key — nobody signed in — against every relation PostgREST
 * exposes. Each answer must be `[]` or a refusal; rows coming back mean anyone on the internet can
 * read them, a CRITICAL finding. Pure (no server-only import, no path alias): the server runs it
 * for the security page, the scheduled probe (./scheduled-probe.ts) on the sync's timer, and the
 * database tests against the real stack.
 */
export type ProbeOutcome = 'empty' | 'refused' | 'rows' | 'error';

export type ProbeRelation = { schemaName: string; name: string; kind: string };

export type ProbeResult = ProbeRelation & {
  outcome: ProbeOutcome;
  /** HTTP status of the answer (0 when the request itself failed). */
  status: number;
  /** Rows returned (at most the probe's limit): anything above 0 is a leak. */
  rowCount: number;
  /** PostgREST's error code, when it answered with one (42501 for a refusal). */
  code: string | null;
};

export type ProbeOptions = {
  url: string;
  anonKey: string;
  relations: ProbeRelation[];
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /**
   * Asks PostgREST for the exact number of rows anon can read (`Prefer: count=exact`, answered in
   * `Content-Range`), so a leak is reported with its size, not just the probe's first rows. The
   * scheduled probe does; the page, which only shows whether rows come back, does not.
   */
  countRows?: boolean;
};

const PROBE_LIMIT = 3;

/** The total of a `Content-Range` answer (`0-2/57` → 57, none returned → 0), or null. Exported for the unit tests. */
export function contentRangeTotal(header: string | null): number | null {
  const match = /\/(\d+)$/.exec(header ?? '');
  return match ? Number(match[1]) : null;
}

/** Classifies one PostgREST answer. Exported for the unit tests. */
export function classifyAnswer(
  status: number,
  body: unknown,
  total: number | null = null,
): Pick<ProbeResult, 'outcome' | 'rowCount' | 'code'> {
  const code =
    body && typeof body === 'object' && !Array.isArray(body) && typeof (body as { code?: unknown }).code === 'string'
      ? (body as { code: string }).code
      : null;
  if (status >= 200 && status < 300) {
    if (Array.isArray(body)) {
      const rowCount = Math.max(body.length, total ?? 0);
      return { outcome: rowCount > 0 ? 'rows' : 'empty', rowCount, code };
    }
    return { outcome: 'error', rowCount: 0, code };
  }
  if (status === 401 || status === 403 || code === '42501') return { outcome: 'refused', rowCount: 0, code };
  return { outcome: 'error', rowCount: 0, code };
}

async function probeOne(relation: ProbeRelation, options: Required<Omit<ProbeOptions, 'relations'>>): Promise<ProbeResult> {
  const base = options.url.replace(/\/+$/, '');
  const target = `${base}/rest/v1/${encodeURIComponent(relation.name)}?select=*&limit=${PROBE_LIMIT}`;
  const headers: Record<string, string> = {
    apikey: options.anonKey,
    Authorization: `Bearer ${options.anonKey}`,
    Accept: 'application/json',
  };
  if (options.countRows) headers.Prefer = 'count=exact';
  // PostgREST picks the schema from a header when it exposes several.
  if (relation.schemaName !== 'public') headers['Accept-Profile'] = relation.schemaName;
  try {
    const response = await options.fetchImpl(target, {
      headers,
      cache: 'no-store',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const body: unknown = await response.json().catch(() => null);
    const total = options.countRows ? contentRangeTotal(response.headers.get('content-range')) : null;
    return { ...relation, status: response.status, ...classifyAnswer(response.status, body, total) };
  } catch {
    return { ...relation, outcome: 'error', status: 0, rowCount: 0, code: null };
  }
}

/** Probes every relation with the anon key, a few at a time; results in the relations' order. */
export async function probeAnon({
  url,
  anonKey,
  relations,
  fetchImpl = fetch,
  timeoutMs = 5_000,
  concurrency = 6,
  countRows = false,
}: ProbeOptions): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(relations.length);
  let next = 0;
  const worker = async () => {
    while (next < relations.length) {
      const index = next++;
      results[index] = await probeOne(relations[index]!, { url, anonKey, fetchImpl, timeoutMs, concurrency, countRows });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, relations.length) }, worker));
  return results;
}

/** The relations whose rows the anon key can read: each one is a CRITICAL finding. */
export function leaks(results: ProbeResult[]): ProbeResult[] {
  return results.filter((result) => result.outcome === 'rows');
}
