import { z } from 'zod';
import { NOTE_MAX_LENGTH } from '@/lib/alerts/rules';
import { trimNote } from '@/lib/text/blank';

/** What the PCA attests: a month (`YYYY-MM`), a depot's code or none (every depot), an optional comment. */
export const attestReviewInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  depot: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/)
    .optional(),
  comment: z
    .string()
    .transform((value) => trimNote(value))
    .refine((value) => Array.from(value).length <= NOTE_MAX_LENGTH, { error: 'noteTooLong' })
    .optional(),
});
export type AttestReviewInput = z.input<typeof attestReviewInput>;

/** An attestation as the page shows it. */
export const attestationSchema = z.object({
  id: z.string(),
  period_month: z.string(),
  attested_at: z.string(),
  attested_by_name: z.string().nullable(),
  comment: z.string().nullable(),
  summary_sha256: z.string(),
  report_sha256: z.string().nullable(),
  ledger_head_id: z.coerce.number(),
  ledger_head_hash: z.string(),
});
export type Attestation = z.output<typeof attestationSchema>;

/** What attest_review() answers (jsonb): checked, not cast. */
export const attestResultSchema = z.object({ id: z.string(), attested_at: z.string(), summary_sha256: z.string() });
