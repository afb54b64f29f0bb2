import { describe, expect, it } from 'vitest';
import { ApiError } from './apiError.ts';
import { decodeAnswer, encodeAnswer } from './commandAnswer.ts';

describe('a command answer kept for the request that waits for it', () => {
  it('gives back the outcome as it was', () => {
    expect(decodeAnswer(encodeAnswer({ enrolled: false, reason: 'goal-met' }))).toEqual({ ok: true, value: { enrolled: false, reason: 'goal-met' } });
  });

  it('gives back a refusal with its status, problems and details, and another error as an error', () => {
    const refused = decodeAnswer(encodeAnswer(new ApiError(409, 'The contact was erased.', undefined, { reason: 'erased' })));
    expect(refused.ok).toBe(false);
    const error = refused.ok ? undefined : refused.error;
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect([e.status, e.message, e.extra]).toEqual([409, 'The contact was erased.', { reason: 'erased' }]);
    const failed = decodeAnswer(encodeAnswer(new Error('boom')));
    expect(failed.ok || failed.error instanceof ApiError).toBe(false);
    expect(!failed.ok && failed.error.message).toBe('boom');
  });
});
