import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatRelative, formatSeconds } from '@/lib/i18n/date-words';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import type { SyncNotice } from '@/lib/sync-health/schemas';

const tones = {
  stale: 'border-red-700 bg-red-700 text-white',
  never: 'border-red-700 bg-red-700 text-white',
  failed: 'border-amber-300 bg-amber-50 text-amber-950',
} as const;

/**
 * Above every governance page when the checks are not running (red) or their last run failed
 * (amber): since when, in the depot's time zone and relative to the database's clock, and the
 * failure's code — its message only when the database gave it (admins). Server-rendered.
 */
export function SyncHealthBanner({
  notice,
  dict,
  locale,
  timeZone,
}: {
  notice: SyncNotice;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  const t = dict.syncHealth;
  const now = new Date(notice.checkedAt);
  const interval = formatSeconds(notice.intervalSeconds, locale);
  const threshold = formatSeconds(notice.staleAfterSeconds, locale);
  const since = notice.lastSuccessAt
    ? { time: formatDateTime(notice.lastSuccessAt, locale, timeZone), relative: formatRelative(notice.lastSuccessAt, now, locale) }
    : null;
  const [title, body] =
    notice.kind === 'never'
      ? [t.neverTitle, interpolate(t.neverBody, { interval })]
      : notice.kind === 'stale'
        ? [interpolate(t.staleTitle, since!), interpolate(t.staleBody, { interval, threshold })]
        : [t.failedTitle, interpolate(t.failedBody, { ...since!, threshold })];

  return (
    <div
      role={notice.kind === 'failed' ? 'status' : 'alert'}
      data-testid="sync-health-banner"
      data-kind={notice.kind}
      className={`border-b ${tones[notice.kind]}`}
    >
      <div className="mx-auto max-w-7xl space-y-1 px-4 py-3 text-sm sm:px-6">
        <p className="font-semibold">{title}</p>
        <p>{body}</p>
        {notice.failure ? (
          <p>
            {interpolate(t.failure, { time: formatDateTime(notice.failure.at, locale, timeZone), code: notice.failure.code })}
            {notice.failure.message ? (
              <>
                {' '}
                {t.databaseMessage} <code className="font-mono break-all">{notice.failure.message}</code>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}
