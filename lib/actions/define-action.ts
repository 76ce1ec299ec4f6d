import 'server-only';
import { z } from 'zod';
import { logSecurityEvent } from '@/lib/audit/security-log';
import { getSessionClaims, SessionUnavailableError, sessionUserFrom, type SessionUser } from '@/lib/auth/session';
import { can, type Permission } from '@/lib/auth/permissions';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { getI18n } from '@/lib/i18n/server';
import { createClient } from '@/lib/supabase/server';
import { DatabaseError, toActionError } from './postgrest-error';
import { ActionError, type ActionFailure, type ActionResult } from './result';

type ServerClient = Awaited<ReturnType<typeof createClient>>;

export type ActionContext<Input> = {
  input: Input;
  user: SessionUser;
  /** The user's own session: RLS and the triggers decide last. */
  supabase: ServerClient;
  dict: Dictionary;
  locale: Locale;
};

/**
 * The one way to write a server action: declare its input schema and the permission it needs; the
 * wrapper checks the session, the permission and the input (in that order), runs the handler, and
 * returns an ActionResult. Messages come from the dictionary in the viewer's language; zod issues
 * whose message is a key of `dict.errors` are translated. Unexpected errors are logged as one JSON
 * line on stderr and reported as "nothing was changed" — raw database errors never reach the UI.
 *
 * One database round trip for a typical action (the write itself): the token is verified by
 * `getClaims()` (locally when the auth server signs with a published key), the role comes from the
 * token's `user_role` claim (the custom access token hook), and the database enforces the rest on
 * the write — a live session, the per-user write limit (api_guard.check_request), RLS and the
 * triggers. Without the claim (a project without the hook) the profile is read first.
 */
export function defineAction<Schema extends z.ZodType, Output>(options: {
  name: string;
  schema: Schema;
  permission: Permission;
  handler: (context: ActionContext<z.output<Schema>>) => Promise<Output>;
}) {
  return async (raw: z.input<Schema>): Promise<ActionResult<Output>> => {
    const { dict, locale } = await getI18n();
    const fail = (code: ActionFailure['code'], message: string, fieldErrors?: Record<string, string[]>): ActionFailure =>
      fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };

    let claims;
    try {
      claims = await getSessionClaims();
    } catch (error) {
      // IMPORTANT: the auth server is down: say so; the user is not signed out.
      if (error instanceof SessionUnavailableError) return fail('unavailable', dict.errors.network);
      throw error;
    }
    if (!claims) return fail('unauthenticated', dict.errors.sessionExpired);
    // Created after identification: if the access token was refreshed, this client has the new one.
    const supabase = await createClient();

    let profile: { role: unknown; name?: unknown } = { role: claims.role };
    if (claims.role === undefined) {
      const { data, error, status } = await supabase.from('profils').select('role, nom_complet').eq('user_id', claims.sub).maybeSingle();
      if (error) {
        const failure = toActionError(error, dict, status);
        return failure.code === 'unauthenticated' ? fail('unauthenticated', failure.message) : fail('unavailable', dict.errors.network);
      }
      profile = { role: data?.role ?? null, name: data?.nom_complet };
    }
    const user: SessionUser = sessionUserFrom(claims, profile);
    const actor = { id: user.id, email: user.email, role: user.role };

    if (!can(user.role, options.permission)) {
      await logSecurityEvent({
        kind: 'action_refused',
        severity: 'WARN',
        reason: `role ${user.role ?? 'none'} lacks ${options.permission}`,
        actor,
        details: { action: options.name },
      });
      return fail('forbidden', dict.errors.forbidden);
    }

    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'form');
        const message = issue.message in dict.errors ? dict.errors[issue.message as keyof Dictionary['errors']] : dict.errors.validation;
        (fieldErrors[field] ??= []).push(message);
      }
      return fail('validation', Object.values(fieldErrors)[0]?.[0] ?? dict.errors.validation, fieldErrors);
    }

    try {
      return { ok: true, data: await options.handler({ input: parsed.data, user, supabase, dict, locale }) };
    } catch (thrown) {
      // A failed read (DatabaseError) is translated like a refused write.
      const error = thrown instanceof DatabaseError ? toActionError(thrown.error, dict, thrown.status) : thrown;
      if (error instanceof ActionError && (error.code !== 'unexpected' || !(thrown instanceof DatabaseError))) {
        if (error.refusal) {
          // The console allowed it and the database did not: the two sets of rules disagree
          // (RULES_DISAGREE). Recorded by the server with the service role; the database checks
          // the shape and folds repeats (record_security_event).
          await logSecurityEvent({
            kind: 'rules_disagree',
            severity: 'CRITICAL',
            reason: `the database refused ${options.name} (${error.refusal.rule}) for role ${user.role ?? 'none'}`,
            actor,
            details: { action: options.name, rule: error.refusal.rule, sqlstate: error.refusal.sqlstate },
          });
        } else if (error.code === 'rate_limited') {
          await logSecurityEvent({
            kind: 'rate_limited',
            severity: 'WARN',
            reason: 'the database refused a write past the per-minute limit',
            actor,
            details: { action: options.name },
          });
        }
        return fail(error.code, error.message, error.fieldErrors);
      }
      console.error(
        JSON.stringify({
          level: 'error',
          event: 'action_failed',
          action: options.name,
          user: user.id,
          error: thrown instanceof Error ? thrown.message : String(thrown),
          at: new Date().toISOString(),
        }),
      );
      return fail('unexpected', dict.errors.unexpected);
    }
  };
}
