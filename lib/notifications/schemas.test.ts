import { describe, expect, it } from 'vitest';
import { deadlineInput, deliveryFiltersToQuery, parseDeliveryFilters, preferencesInput, webhookUrlSchema } from './schemas';

describe('notification inputs', () => {
  it('accepts what the database accepts for a webhook URL, and an empty one', () => {
    expect(webhookUrlSchema.safeParse('https://hooks.example.com/depot?x=1').success).toBe(true);
    expect(webhookUrlSchema.safeParse('  ').success).toBe(true);
    expect(webhookUrlSchema.safeParse('ftp://example.com').success).toBe(false);
    expect(webhookUrlSchema.safeParse('https://user:pw@example.com/').success).toBe(false);
    expect(webhookUrlSchema.safeParse('pas une url').success).toBe(false);
    expect(webhookUrlSchema.safeParse(`https://example.com/${'a'.repeat(2000)}`).success).toBe(false);
  });

  it('refuses forged fields and unknown choices', () => {
    const valid = { emailEnabled: true, webhookUrl: '', minSeverity: 'none', digest: 'weekly' };
    expect(preferencesInput.safeParse(valid).success).toBe(true);
    expect(preferencesInput.safeParse({ ...valid, user_id: 'x' }).success).toBe(false);
    expect(preferencesInput.safeParse({ ...valid, digest: 'monthly' }).success).toBe(false);
  });

  it('checks deadlines as set_alert_deadline does', () => {
    expect(deadlineInput.safeParse({ severity: 'CRITICAL', ackMinutes: 15, resolveMinutes: 1440 }).success).toBe(true);
    expect(deadlineInput.safeParse({ severity: 'INFO', ackMinutes: null, resolveMinutes: null }).success).toBe(true);
    expect(deadlineInput.safeParse({ severity: 'CRITICAL', ackMinutes: 120, resolveMinutes: 60 }).success).toBe(false);
    expect(deadlineInput.safeParse({ severity: 'CRITICAL', ackMinutes: 0, resolveMinutes: null }).success).toBe(false);
    expect(deadlineInput.safeParse({ severity: 'FATAL', ackMinutes: 1, resolveMinutes: 1 }).success).toBe(false);
  });
});

describe('delivery filters in the URL', () => {
  it('round-trips the status and the cursor, and ignores what it does not know', () => {
    const filters = parseDeliveryFilters({
      status: 'failed',
      depot: 'BOUAKE',
      before: '2026-12-02T17:00:00.123456+00:00_3f1c2d4e-0000-4000-8000-000000000001',
    });
    expect(filters).toEqual({
      status: 'failed',
      depot: 'BOUAKE',
      cursor: { at: '2026-12-02T17:00:00.123456+00:00', id: '3f1c2d4e-0000-4000-8000-000000000001' },
    });
    expect(parseDeliveryFilters(Object.fromEntries(new URLSearchParams(deliveryFiltersToQuery(filters).slice(1))))).toEqual(filters);
    expect(parseDeliveryFilters({ status: 'lost', before: 'x_y', depot: "bouake'; --" })).toEqual({ status: null, cursor: null });
    expect(deliveryFiltersToQuery({ status: null, cursor: null })).toBe('');
  });
});
