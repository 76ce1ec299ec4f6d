import 'server-only';
import { z } from 'zod';
import { logSecurityEvent } from '@/lib/audit/security-log';
import { getSessionClaims, SessionUnavailableError, sessionUserFrom, type SessionUser } from '@/lib/auth/session';
import { can, type Permission } from '@/lib/auth/permissions';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { interpolate } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { getServerEnv } from '@/lib/server-env';
import { createClient } from '@/lib/supabase/server';
import { isUnavailableError } from './postgrest-error';
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
 * wrapper checks the session, the user's rate limit (every attempt counts, refused ones too), the
 * permission and the input (in that order), runs the handler, and
 * returns an ActionResult. Messages come from the dictionary in the viewer's language; zod issues
 * whose message is a key of `dict.errors` are translated. Unexpected errors are logged as one JSON
 * line on stderr and reported as "nothing was changed" — raw database errors never reach the UI.
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

    const limiter = await createClient();
    // Mutations per user per minute, counted in Postgres so every console instance shares them.
    // The count is spent while the auth server verifies the session, and the database answers
    // with the caller's profile (role, name) read from the same token: who the user is and whether
    // they may act, in one round trip of two requests at once.
    const limit = getServerEnv().RATE_LIMIT_PER_MINUTE;
    const [identified, spent] = await Promise.allSettled([
      getSessionClaims(),
      limiter.rpc('consume_rate_limit', { bucket: 'mutations', max_hits: limit, window_seconds: 60 }),
    ]);

    if (identified.status === 'rejected') {
      // IMPORTANT: the auth server is down: say so; the user is not signed out.
      if (identified.reason instanceof SessionUnavailableError) return fail('unavailable', dict.errors.network);
      throw identified.reason;
    }
    const claims = identified.value;
    if (!claims) return fail('unauthenticated', dict.errors.sessionExpired);
    // Created after identification: if the access token was refreshed, this client has the new one.
    const supabase = await createClient();

    if (spent.status === 'rejected') return fail('unavailable', dict.errors.network);
    let { data: verdict, error: limitError, status: limitStatus } = spent.value;
    if (limitError?.code?.startsWith('PGRST30')) {
      // The access token expired and identifying the user just refreshed it (new cookies): the
      // count, sent with the old token at the same moment, is spent again with the new one.
      ({ data: verdict, error: limitError, status: limitStatus } = await supabase.rpc('consume_rate_limit', {
        bucket: 'mutations',
        max_hits: limit,
        window_seconds: 60,
      }));
    }
    if (limitError) {
      return isUnavailableError(limitError, limitStatus) ? fail('unavailable', dict.errors.network) : fail('unexpected', dict.errors.unexpected);
    }
    const { allowed, retry_after_seconds: retryAfter, role, name } = verdict as {
      allowed: boolean;
      retry_after_seconds: number;
      role: unknown;
      name: unknown;
    };
    const user: SessionUser = sessionUserFrom(claims, { role, name });
    const actor = { id: user.id, email: user.email, role: user.role };
    if (!allowed) {
      await logSecurityEvent({
        kind: 'rate_limited',
        severity: 'WARN',
        reason: `more than ${limit} mutations in a minute`,
        actor,
        details: { action: options.name },
      });
      return fail('rate_limited', interpolate(dict.errors.rateLimited, { seconds: retryAfter }));
    }

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
    } catch (error) {
      if (error instanceof ActionError) {
        if (error.code === 'forbidden') {
          // The console allowed it and the database did not: the two sets of rules disagree.
          await logSecurityEvent({
            kind: 'action_refused',
            severity: 'CRITICAL',
            reason: `the database refused ${options.name} for role ${user.role ?? 'none'}`,
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
          error: error instanceof Error ? error.message : String(error),
          at: new Date().toISOString(),
        }),
      );
      return fail('unexpected', dict.errors.unexpected);
    }
  };
}
