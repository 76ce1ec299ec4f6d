import { describe, expect, it } from 'vitest';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { notificationActionError } from './action-errors';

const dict = dictionaries.fr;

describe('notificationActionError', () => {
  it('puts a refused webhook URL on its field, in French, as a disagreement of the two rule sets', () => {
    const error = notificationActionError({ code: '22023', message: 'x', hint: 'webhook_url_invalid' }, dict, 400);
    expect(error).toMatchObject({ code: 'validation', fieldErrors: { webhookUrl: [dict.notifications.webhookUrlInvalid] } });
    expect(error.message).toMatch(/^Indiquez une adresse http/);
    expect(error.refusal).toEqual({ sqlstate: '22023', rule: 'webhook_url_invalid' });
  });

  it('names the deadline and delivery refusals', () => {
    expect(notificationActionError({ code: '22023', message: 'x', hint: 'deadline_invalid' }, dict).code).toBe('validation');
    expect(notificationActionError({ code: '22023', message: 'x', hint: 'preferences_invalid' }, dict).message).toBe(
      dict.notifications.preferencesInvalid,
    );
    expect(notificationActionError({ code: '42501', message: 'x', hint: 'deadlines_require_directeur' }, dict)).toMatchObject({
      code: 'forbidden',
      message: dict.notifications.deadlinesRequireDirecteur,
      refusal: { sqlstate: '42501', rule: 'deadlines_require_directeur' },
    });
    const depotDirecteur = notificationActionError({ code: '42501', message: 'x', hint: 'head_office_only' }, dict);
    expect(depotDirecteur).toMatchObject({ code: 'forbidden', message: dict.notifications.deadlinesHeadOfficeOnly });
    expect(depotDirecteur.refusal).toBeUndefined();
    expect(notificationActionError({ code: '42501', message: 'x', hint: 'retry_requires_admin' }, dict).code).toBe('forbidden');
    const conflict = notificationActionError({ code: 'P0002', message: 'x', hint: 'delivery_not_failed' }, dict);
    expect(conflict).toMatchObject({ code: 'conflict', message: dict.deliveries.deliveryNotFailed });
    expect(conflict.refusal).toBeUndefined();
  });

  it('leaves every other error to the shared translation', () => {
    expect(notificationActionError({ code: '', message: 'fetch failed' }, dict).code).toBe('unavailable');
    expect(notificationActionError({ code: 'XX000', message: 'boom' }, dict).code).toBe('unexpected');
  });
});
