import type { Metrics } from './metrics.js';
import { MessengerError, type Messenger } from './messaging.js';

/** Why a Bot Connector call failed, as a metric label with a handful of values. */
export function failureCause(error: unknown): string {
  if (!(error instanceof MessengerError)) return 'error';
  if (error.status === 429) return 'throttled';
  if (error.isGone) return 'gone';
  if (error.status === 401) return 'unauthorized';
  if (error.status === 403) return 'forbidden';
  if (error.status === 0) return 'network';
  if (error.status >= 500 || error.status === 412) return 'server';
  return 'rejected';
}

/** Counts every proactive call of `messenger`: sends by operation and outcome, failures by cause. */
export function meterMessenger(messenger: Messenger, metrics: Metrics): Messenger {
  const metered = <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        metrics.count('sends', { operation, outcome: 'ok' });
        return result;
      } catch (error) {
        metrics.count('sends', { operation, outcome: 'failed' });
        metrics.count('sendFailures', { cause: failureCause(error) });
        throw error;
      }
    };
  return {
    send: metered('send', messenger.send.bind(messenger)),
    update: metered('update', messenger.update.bind(messenger)),
    delete: metered('delete', messenger.delete.bind(messenger)),
    openPersonalChat: metered('open_chat', messenger.openPersonalChat.bind(messenger)),
    postToChannel: metered('post_channel', messenger.postToChannel.bind(messenger)),
    offerFile: metered('offer_file', messenger.offerFile.bind(messenger)),
  };
}
