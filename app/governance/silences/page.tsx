import type { Metadata } from 'next';
import { SilenceForm } from '@/components/silences/silence-form';
import { SilencesTable } from '@/components/silences/silences-table';
import { Card } from '@/components/ui/card';
import { DepotFilter } from '@/components/layout/depot-filter';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNotice } from '@/components/alerts/read-only-notice';
import { Toaster } from '@/components/ui/toaster';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { catalogueByFamily } from '@/lib/checks/catalogue';
import { fetchDepots } from '@/lib/depots/queries';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { ROUTES } from '@/lib/routes';
import { fetchSilenceEntities, fetchSilences } from '@/lib/silences/queries';
import { SILENCEABLE_FAMILIES, isSilenceableCheck } from '@/lib/silences/checks';
import { silenceEntitySchema } from '@/lib/silences/schemas';
import { createClient } from '@/lib/supabase/server';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.silences.title };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Maintenance windows: the running and upcoming silences, the latest ended ones; a directeur
 * creates one (the URL can name its check and object: `?check=…&entity=type:id`, from an alert's
 * page) and ends one early.
 */
export default async function SilencesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('governance:read', ROUTES.silences);
  const canManage = can(user.role, 'silences:manage');
  const params = await searchParams;
  const supabase = await createClient();
  const depots = await fetchDepots(supabase);
  // One depot's silences (head office's choice); a code the user does not see shows none.
  const depotCode = first(params.depot) || undefined;
  const depotFilter = depotCode === undefined ? undefined : (depots.find((depot) => depot.code === depotCode)?.id ?? null);
  const [{ locale, dict }, timeZone, silences, entities] = await Promise.all([
    getI18n(),
    getDepotTimeZone(),
    fetchSilences(supabase, depotFilter),
    canManage ? fetchSilenceEntities(supabase) : null,
  ]);
  const s = dict.silences;
  const check = first(params.check);
  const entity = first(params.entity);
  const checks = catalogueByFamily(locale).filter((family) => SILENCEABLE_FAMILIES.includes(family.family));

  return (
    <div className="space-y-6">
      <PageHeader
        title={s.title}
        intro={s.intro}
        actions={<DepotFilter action={ROUTES.silences} depots={depots} current={depotCode} dict={dict} />}
      />
      {canManage && entities ? (
        <Card title={s.createTitle} titleId="silence-create-title">
          <p className="mb-4 text-sm text-slate-700">{s.createIntro}</p>
          <SilenceForm
            checks={checks}
            entities={entities}
            initialCheck={check && isSilenceableCheck(check) ? check : undefined}
            initialEntity={entity && silenceEntitySchema.safeParse(entity).success ? entity : undefined}
          />
        </Card>
      ) : (
        <ReadOnlyNotice message={s.readOnly} />
      )}
      {(
        [
          ['silences-current', s.runningTitle, s.noneRunning, silences.current, canManage],
          ['silences-ended', s.endedTitle, s.noneEnded, silences.ended, false],
        ] as const
      ).map(([testId, title, empty, rows, canEnd]) => (
        <section key={testId} className="space-y-2" aria-labelledby={`${testId}-title`}>
          <h2 id={`${testId}-title`} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <SilencesTable
            rows={rows}
            caption={title}
            empty={empty}
            canEnd={canEnd}
            dict={dict}
            locale={locale}
            timeZone={timeZone}
            testId={testId}
          />
        </section>
      ))}
      {canManage ? <Toaster /> : null}
    </div>
  );
}
