import { describe, expect, it } from 'vitest';
import { ActionFailedError, callAction, failureOf, unwrapAction } from './call-action';

describe('calling actions from the browser', () => {
  it('passes results through and turns a thrown request into the network message', async () => {
    await expect(callAction(async () => ({ ok: true, data: 1 }), 'réseau')).resolves.toEqual({ ok: true, data: 1 });
    await expect(
      callAction(async () => {
        throw new TypeError('Failed to fetch');
      }, 'réseau'),
    ).resolves.toEqual({ ok: false, code: 'unavailable', message: 'réseau' });
  });

  it('unwraps for mutations, carrying the failure and its message', async () => {
    const failure = { ok: false as const, code: 'conflict' as const, message: 'Déjà acquittée par Awa Koné à 16:40.' };
    const error = await unwrapAction(async () => failure, 'réseau').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ActionFailedError);
    expect(failureOf(error, 'autre')).toEqual(failure);
    expect(failureOf(new Error('boom'), 'autre')).toEqual({ ok: false, code: 'unexpected', message: 'autre' });
    await expect(unwrapAction(async () => ({ ok: true, data: 'ok' }), 'réseau')).resolves.toBe('ok');
  });
});
