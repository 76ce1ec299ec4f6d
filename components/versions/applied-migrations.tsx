import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import type { AppliedMigration } from '@/lib/versions/schemas';

function AppliedAt({
  migration,
  dict,
  locale,
  timeZone,
}: {
  migration: AppliedMigration;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  if (!migration.seenAt) return <span className="text-slate-600">{dict.versions.migrationNotSeenYet}</span>;
  const date = formatDateTime(migration.seenAt, locale, timeZone);
  return (
    <time dateTime={migration.seenAt}>
      {migration.seenBeforeTracking ? interpolate(dict.versions.migrationSeenBeforeTracking, { date }) : date}
    </time>
  );
}

/** The migration history the database holds (supabase_migrations), with when each was applied. */
export function AppliedMigrations({
  migrations,
  dict,
  locale,
  timeZone,
}: {
  migrations: AppliedMigration[];
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  return (
    <Card title={dict.versions.migrations} titleId="versions-migrations-title">
      <p className="mb-3 text-sm text-slate-700">{dict.versions.migrationsIntro}</p>
      <DataTable
        caption={dict.versions.migrationsCaption}
        columns={[dict.versions.migrationVersion, dict.versions.migrationName, dict.versions.migrationAppliedAt]}
        empty={<p className="text-sm text-slate-600">{dict.versions.noMigrations}</p>}
        testId="versions-migrations"
        scrollClassName="max-h-96 overflow-y-auto"
        headClassName="sticky top-0 bg-white"
      >
        {migrations.map((migration) => (
          <tr key={migration.version} data-version={migration.version}>
            <th scope="row" className="px-4 py-2 font-mono text-xs font-semibold text-slate-900 sm:px-5">
              {migration.version}
            </th>
            <td className="px-2 py-2 font-mono text-xs [overflow-wrap:anywhere]">{migration.name ?? dict.versions.unknown}</td>
            <td className="px-4 py-2 whitespace-nowrap sm:px-5" data-testid={`versions-migration-applied-${migration.version}`}>
              <AppliedAt migration={migration} dict={dict} locale={locale} timeZone={timeZone} />
            </td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}
