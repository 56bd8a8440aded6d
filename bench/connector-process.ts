// The fake Bot Connector in a process of its own, so that a broadcast benchmark measures the bot's
// pacing rather than two servers sharing one event loop. Started by bench/broadcast.ts with fork();
// answers its questions over the IPC channel.
import { FakeConnector } from '../test/support/fake-connector.js';

const [rate, fail, latencyMin = 0, latencyMax = 0] = process.argv.slice(2).map(Number);
const connector = new FakeConnector({ globalPerSecond: rate, perConversationPerSecond: 7, perConversationPer2s: 8 });
await connector.start();
connector.failRandomly(fail, { status: 429, code: 'Throttled' });
connector.answerAfter(latencyMin, latencyMax);

process.on('message', (message: { ask: 'delivered' | 'calls' | 'stop' }) => {
  if (message.ask === 'delivered') {
    process.send?.({ delivered: new Set(connector.sends().map((call) => call.conversationId)).size });
  } else if (message.ask === 'calls') {
    const calls = connector.calls.filter((call) => call.kind === 'send').map((call) => ({ conversationId: call.conversationId, at: call.at, status: call.status }));
    process.send?.({ calls, violations: connector.violations.length });
  } else {
    void connector.stop().then(() => process.exit(0));
  }
});
process.send?.({ url: connector.url });
