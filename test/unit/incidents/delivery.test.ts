import { decideAfterFailure, fullJitter } from '../../../src/features/incidents/delivery-policy.js';
import { dueState } from '../../../src/features/incidents/delivery-worker.js';
import { Pacer, bucketsFor } from '../../../src/features/incidents/pacer.js';
import { TokenBucket } from '../../../src/features/incidents/token-bucket.js';
import { checkSignature, signIncident } from '../../../src/http/incident-signature.js';
import { MessengerError } from '../../../src/shared/messaging.js';
import type { DeliveryEntry } from '../../../src/features/incidents/incident-store.js';

const policy = { maxAttempts: 5, baseMs: 100, capMs: 1000 };

describe('decideAfterFailure', () => {
  it('waits Retry-After on 429 when given, else backs off with full jitter', () => {
    expect(decideAfterFailure(new MessengerError(429, 'Throttled', 'x', 2000), 1, policy, false, () => 0.5)).toEqual({ kind: 'retry', delayMs: 2000, reason: '429 Throttled' });
    expect(decideAfterFailure(new MessengerError(429, 'Throttled', 'x'), 3, policy, false, () => 0.5)).toEqual({ kind: 'retry', delayMs: 200, reason: '429 Throttled' });
  });

  it('retries 412 and 5xx, drops gone conversations, fails 400/413 and an edit of a deleted message', () => {
    expect(decideAfterFailure(new MessengerError(503, 'ServiceUnavailable', 'x'), 1, policy, false, () => 1)).toMatchObject({ kind: 'retry', delayMs: 100 });
    expect(decideAfterFailure(new MessengerError(412, 'PreconditionFailed', 'x'), 1, policy, false)).toMatchObject({ kind: 'retry' });
    expect(decideAfterFailure(new MessengerError(403, 'ConversationBlockedByUser', 'x'), 1, policy, false)).toEqual({ kind: 'drop', reason: '403 ConversationBlockedByUser' });
    expect(decideAfterFailure(new MessengerError(404, 'NotFound', 'x'), 1, policy, false)).toMatchObject({ kind: 'drop' });
    expect(decideAfterFailure(new MessengerError(404, 'ActivityNotFoundInConversation', 'x'), 1, policy, true)).toMatchObject({ kind: 'fail' });
    expect(decideAfterFailure(new MessengerError(400, 'BadArgument', 'x'), 1, policy, false)).toMatchObject({ kind: 'fail' });
    expect(decideAfterFailure(new MessengerError(413, 'MessageSizeTooBig', 'x'), 1, policy, false)).toMatchObject({ kind: 'fail' });
  });

  it('gives up after maxAttempts', () => {
    expect(decideAfterFailure(new MessengerError(503, 'ServiceUnavailable', 'x'), 5, policy, false)).toEqual({ kind: 'fail', reason: 'gave up after 5 attempts (503 ServiceUnavailable)' });
  });

  it('caps full jitter', () => {
    expect(fullJitter(20, policy, () => 0.999)).toBeLessThan(1000);
  });
});

describe('dueState', () => {
  const entry = (over: Partial<DeliveryEntry>): DeliveryEntry => ({ id: 'i|k', incidentId: 'i', key: 'k', address: {} as DeliveryEntry['address'], state: 'idle', deliveredVersion: 0, sendingVersion: 1, attempts: 0, updatedAt: '', ...over });
  it('knows what is owed, waiting or done', () => {
    expect(dueState(undefined, 1, 0)).toBe('due');
    expect(dueState(entry({ deliveredVersion: 1 }), 1, 0)).toBe('done');
    expect(dueState(entry({ deliveredVersion: 1 }), 2, 0)).toBe('due');
    expect(dueState(entry({ nextAttemptAt: 50 }), 1, 10)).toBe(50);
    expect(dueState(entry({ nextAttemptAt: 50 }), 2, 10)).toBe('due');
    expect(dueState(entry({ failedVersion: 1 }), 1, 0)).toBe('done');
    expect(dueState(entry({ state: 'dropped' }), 3, 0)).toBe('done');
    expect(dueState(entry({ state: 'sending', messageId: '7', deliveredVersion: 1 }), 2, 0)).toBe('due');
  });

  it('leaves an entry sending under a live lease to its replica until the lease ends', () => {
    expect(dueState(entry({ state: 'sending', leaseUntil: 500 }), 1, 100)).toBe(500);
    expect(dueState(entry({ state: 'sending', leaseUntil: 500 }), 1, 500)).toBe('due');
    // A lease on an entry no longer sending, or one already delivered, decides nothing.
    expect(dueState(entry({ state: 'idle', leaseUntil: 500 }), 1, 100)).toBe('due');
    expect(dueState(entry({ state: 'sending', leaseUntil: 500, deliveredVersion: 1 }), 1, 100)).toBe('done');
  });
});

describe('pacing', () => {
  it('a token bucket lets through capacity + rate * window', () => {
    const bucket = new TokenBucket(2, 10, 0);
    let taken = 0;
    for (let t = 0; t <= 1000; t += 1) while (bucket.waitMs(t) === 0) { bucket.take(t); taken += 1; }
    expect(taken).toBe(12);
  });

  it('keeps every sliding second under the limits', () => {
    let now = 0;
    const pacer = new Pacer({ perSecond: 50, perConversation: 7 }, () => now);
    const sent: Array<{ at: number; conv: string }> = [];
    for (now = 0; now < 5000; now += 1) {
      for (const conv of ['a', 'b', ...Array.from({ length: 40 }, (_, i) => `p${Math.floor(now / 10)}-${i}`)]) {
        if (pacer.tryTake(conv) === 0) sent.push({ at: now, conv });
      }
    }
    for (const { at } of sent) {
      expect(sent.filter((s) => s.at >= at && s.at < at + 1000).length).toBeLessThanOrEqual(50);
      for (const conv of ['a', 'b']) {
        expect(sent.filter((s) => s.conv === conv && s.at >= at && s.at < at + 1000).length).toBeLessThanOrEqual(7);
        expect(sent.filter((s) => s.conv === conv && s.at >= at && s.at < at + 2000).length).toBeLessThanOrEqual(8);
      }
    }
    expect(sent.length / 5).toBeGreaterThanOrEqual(0.9 * 50);
    expect(bucketsFor({ perSecond: 500, perConversation: 7 }).global.capacity).toBe(20);
  });
});

describe('incident signature', () => {
  const body = '{"a":1}';
  it('accepts a fresh, correct signature and refuses the rest', () => {
    const sig = signIncident('s3cret', '1000', body);
    expect(checkSignature('s3cret', '1000', sig, body, 1100)).toEqual({ ok: true });
    expect(checkSignature('s3cret', '1000', sig, body + ' ', 1100)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not match/) });
    expect(checkSignature('other', '1000', sig, body, 1100)).toMatchObject({ ok: false });
    expect(checkSignature('s3cret', '1000', sig, body, 1301)).toMatchObject({ ok: false, reason: expect.stringMatching(/stale/) });
    expect(checkSignature('s3cret', '1000', sig, body, 939)).toMatchObject({ ok: false, reason: expect.stringMatching(/ahead/) });
    expect(checkSignature('s3cret', undefined, sig, body, 1000)).toMatchObject({ ok: false });
    expect(checkSignature('s3cret', 'abc', sig, body, 1000)).toMatchObject({ ok: false });
  });
});
