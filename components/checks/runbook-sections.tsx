import type { Actor, Runbook } from '@/lib/checks/catalogue';
import type { Dictionary } from '@/lib/i18n/dictionaries';

export function actorLabel(actor: Actor, dict: Pick<Dictionary, 'roles' | 'runbooks'>): string {
  return actor === 'operations' || actor === 'platform' ? dict.runbooks.teams[actor] : dict.roles[actor];
}

/**
 * One runbook, in four short parts a reader scans rather than reads through: what it means, then
 * the likely causes and what to verify side by side, then who acts. `level` is the level of the
 * parts' headings, under the page's or the card's own heading.
 */
export function RunbookSections({ runbook, dict, level }: { runbook: Runbook; dict: Dictionary; level: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const headingClass = 'text-xs font-semibold uppercase tracking-wide text-slate-600';
  return (
    <div className="space-y-5 text-sm text-slate-900">
      <section>
        <Heading className={headingClass}>{dict.runbooks.meaning}</Heading>
        <p className="mt-1 max-w-prose text-base text-slate-800" data-testid="runbook-meaning">
          {runbook.meaning}
        </p>
      </section>
      <div className="grid gap-5 sm:grid-cols-2">
        <section>
          <Heading className={headingClass}>{dict.runbooks.causes}</Heading>
          <ul className="mt-1.5 list-disc space-y-1 pl-5 marker:text-slate-400" data-testid="runbook-causes">
            {runbook.causes.map((cause) => (
              <li key={cause}>{cause}</li>
            ))}
          </ul>
        </section>
        <section>
          <Heading className={headingClass}>{dict.runbooks.verify}</Heading>
          <ol className="mt-1.5 list-decimal space-y-1 pl-5 marker:text-slate-500" data-testid="runbook-verify">
            {runbook.verify.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
      </div>
      <section>
        <Heading className={headingClass}>{dict.runbooks.whoActs}</Heading>
        <dl
          className="mt-1.5 divide-y divide-slate-100 rounded-md bg-slate-50 px-3 ring-1 ring-inset ring-slate-200"
          data-testid="runbook-actors"
        >
          {runbook.actions.map(({ actor, task }) => (
            <div key={`${actor}:${task}`} className="grid gap-x-4 gap-y-0.5 py-2 sm:grid-cols-[minmax(0,15rem)_1fr]" data-actor={actor}>
              <dt className="font-semibold text-slate-900">{actorLabel(actor, dict)}</dt>
              <dd className="text-slate-800">{task}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
