import { failureCause, meterMessenger } from '../../../src/shared/metered-messenger.js';
import { MessengerError, textReply, type ConversationAddress, type Messenger } from '../../../src/shared/messaging.js';
import type { Labels, Metrics } from '../../../src/shared/metrics.js';

/** Records what is counted, as `name{labels}` strings. */
function recordingMetrics(): Metrics & { counted: string[] } {
  const counted: string[] = [];
  return {
    counted,
    count: (name: string, labels: Labels) => void counted.push(`${name}${JSON.stringify(labels)}`),
    observe: () => undefined,
    gauge: () => undefined,
  };
}

const address = { conversationId: 'a:1' } as ConversationAddress;

describe('meterMessenger', () => {
  it('counts a send that worked and a send that failed, with its cause, and passes both through', async () => {
    let calls = 0;
    const inner: Messenger = {
      send: async () => {
        calls += 1;
        if (calls === 2) throw new MessengerError(429, 'Throttled', 'slow down', 1000);
        return { messageId: 'm1' };
      },
      update: async () => undefined,
      delete: async () => undefined,
      openPersonalChat: async () => address,
      postToChannel: async () => ({ address, messageId: 'root' }),
      offerFile: async () => ({ messageId: 'offer' }),
    };
    const metrics = recordingMetrics();
    const messenger = meterMessenger(inner, metrics);
    await expect(messenger.send(address, textReply('üks'))).resolves.toEqual({ messageId: 'm1' });
    await expect(messenger.send(address, textReply('kaks'))).rejects.toMatchObject({ status: 429, retryAfterMs: 1000 });
    expect(metrics.counted).toEqual([
      'sends{"operation":"send","outcome":"ok"}',
      'sends{"operation":"send","outcome":"failed"}',
      'sendFailures{"cause":"throttled"}',
    ]);
  });

  it('names each cause of failure with a few stable words', () => {
    const cause = (status: number, code = 'X') => failureCause(new MessengerError(status, code, ''));
    expect([cause(429), cause(403, 'ConversationBlockedByUser'), cause(404), cause(401), cause(403), cause(0), cause(502), cause(412), cause(400)])
      .toEqual(['throttled', 'gone', 'gone', 'unauthorized', 'forbidden', 'network', 'server', 'server', 'rejected']);
    expect(failureCause(new Error('bug'))).toBe('error');
  });
});
