/**
 * Every path the console links to, redirects to or calls, in one place. Pure strings (no imports):
 * the proxy, server code and browser code share it. The end-to-end specs keep their own literals on
 * purpose — they test the URLs.
 */
export const ROUTES = {
  signIn: '/sign-in',
  /** The governance area: every page below it needs a governance role. */
  governance: '/governance',
  integrity: '/governance/integrity',
  /** The board's review: a period and a depot, in figures. */
  review: '/governance/review',
  alerts: '/governance/alerts',
  audit: '/governance/audit',
  versions: '/governance/versions',
  security: '/governance/security',
  /** The runbooks: every check code, what it means and who acts. */
  checks: '/governance/checks',
  /** Each user's notification preferences, and the deadlines per severity. */
  notifications: '/governance/notifications',
  /** The notification outbox: what was sent, is retrying, or failed. */
  deliveries: '/governance/deliveries',
  /** Maintenance windows: the checks kept quiet on a tank, truck or depot. */
  silences: '/governance/silences',
} as const;

/** Where a signed-in user lands: `/`, `/governance`, and a refused `next` all go there. */
export const HOME_PATH = ROUTES.integrity;

/** The browser's JSON and download routes (app/api). */
export const API_ROUTES = {
  /** One page of the alert list, for its live refresh. */
  alerts: '/api/alerts',
  /** The filtered alert list as CSV (every page). */
  alertsExport: '/api/alerts/export',
  auditExport: '/api/audit/export',
  auditPublicKey: '/api/audit/public-key',
  /** The monthly board report (PDF) and its signed manifest. */
  reviewReport: '/api/review/report',
} as const;

/** The board report of a month (`YYYY-MM`) for a depot (its code) or every depot: the PDF, or its manifest. */
export function reviewReportPath(month: string, depot?: string, part: 'pdf' | 'manifest' = 'pdf'): string {
  const query = new URLSearchParams({ month });
  if (depot) query.set('depot', depot);
  if (part === 'manifest') query.set('part', 'manifest');
  return `${API_ROUTES.reviewReport}?${query.toString()}`;
}

/** The alert list under these filters (undefined ones left out), e.g. an overview tile's list, in one depot or all. */
export function alertListPath(filters: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const text = query.toString();
  return text ? `${ROUTES.alerts}?${text}` : ROUTES.alerts;
}

/** One alert's page. */
export function alertPath(id: string): string {
  return `${ROUTES.alerts}/${encodeURIComponent(id)}`;
}

/** One check code's runbook. */
export function checkRunbookPath(code: string): string {
  return `${ROUTES.checks}/${encodeURIComponent(code)}`;
}

/** The alert list narrowed to one check, every status (a runbook's "alerts of this check"). */
export function alertsOfCheckPath(code: string): string {
  return `${ROUTES.alerts}?${new URLSearchParams({ check: code, status: 'all' }).toString()}`;
}

/** The sign-in page, bringing the user back to `next` afterwards (checked there by safeNextPath). */
export function signInPath(next?: string): string {
  return next ? `${ROUTES.signIn}?next=${encodeURIComponent(next)}` : ROUTES.signIn;
}

/** Is `pathname` the governance area or a page below it (not merely a path that starts alike)? */
export function isGovernancePath(pathname: string): boolean {
  return pathname === ROUTES.governance || pathname.startsWith(`${ROUTES.governance}/`);
}
