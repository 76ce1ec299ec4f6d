import { z } from 'zod';
import { trimNote } from '@/lib/text/blank';
import { CHECK_CODE_PATTERN } from '@/lib/checks/catalogue';
import { SILENCE_REASON_MAX_LENGTH, type SilenceEntityType } from './rules';

/** The `dict.errors` key each rule reports. */
const E = {
  checkInvalid: 'silenceCheckInvalid',
  entityInvalid: 'silenceEntityInvalid',
  reasonRequired: 'silenceReasonRequired',
  reasonTooLong: 'silenceReasonTooLong',
  startsInvalid: 'silenceStartsInvalid',
  endsInvalid: 'silenceEndsInvalid',
  badId: 'silenceNotFound',
} as const;

const wallClock = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** An entity as the form's select names it: `type:id`. */
export const silenceEntitySchema = z
  .string()
  .regex(/^(citerne|cours_de_route|depot):[0-9a-f-]{36}$/, { error: E.entityInvalid })
  .transform((value) => {
    const [type, id] = value.split(':') as [SilenceEntityType, string];
    return { type, id };
  });

export const createSilenceInput = z.strictObject({
  check: z.string().regex(CHECK_CODE_PATTERN, { error: E.checkInvalid }).max(64, { error: E.checkInvalid }),
  entity: silenceEntitySchema,
  /** Wall-clock times in the depot's time zone, as `datetime-local` fields give them; no start: now. */
  startsAt: z.union([z.literal(''), z.string().regex(wallClock, { error: E.startsInvalid })]),
  endsAt: z.string().regex(wallClock, { error: E.endsInvalid }),
  reason: z
    .string()
    .overwrite(trimNote)
    .min(1, { error: E.reasonRequired })
    .refine((text) => Array.from(text).length <= SILENCE_REASON_MAX_LENGTH, { error: E.reasonTooLong }),
});
export type CreateSilenceInput = z.input<typeof createSilenceInput>;

export const endSilenceInput = z.strictObject({ id: z.uuid({ error: E.badId }) });

/** What create_alert_silence() and end_alert_silence() answer (the row): checked, not cast. */
export const silenceResultSchema = z.object({ id: z.string(), ends_at: z.string(), ended_at: z.string().nullable() });
