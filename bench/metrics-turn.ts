/**
 * What /metrics costs a turn, side by side with metrics off.
 *
 * 1. The recording itself: the calls one question turn makes (the turn counter and histogram,
 *    the knowledge decision, the HTTP latency histogram, the timer reads), timed per turn with
 *    prom-client and with the no-op port.
 * 2. End to end: real HTTP turns ("abi", the help card) against two bots in this process, one
 *    with METRICS_TOKEN and one without, interleaved so that machine noise hits both alike, while
 *    Prometheus scrapes the metrics bot every second.
 *
 *   npx tsx bench/metrics-turn.ts [--calls 200000] [--turns 1000]
 */
import { performance } from 'node:perf_hooks';
import { PrometheusMetrics } from '../src/http/prometheus-metrics.js';
import { noMetrics, secondsSince, type Metrics } from '../src/shared/metrics.js';
import { KATI, installationUpdate, personalMessage } from '../test/support/activities.js';
import { startBot, type Harness } from '../test/support/bot-harness.js';
import { argument } from './argument.js';

const CALLS = argument('calls', 200_000);
const TURNS = argument('turns', 1000);
const TOKEN = 'bench-token-bench-token';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};

/** What a question turn records, in the order the edge and the knowledge feature record it. */
function recordOneTurn(metrics: Metrics, started: number): void {
  metrics.count('knowledge', { decision: 'answer' });
  metrics.count('turns', { kind: 'question', outcome: 'ok' });
  metrics.observe('turn', secondsSince(started), { kind: 'question' });
  metrics.observe('http', secondsSince(started), { method: 'POST', route: '/api/messages', status: '200' });
}

function recordingCost(metrics: Metrics): number[] {
  const times: number[] = [];
  for (let i = 0; i < CALLS; i += 1) {
    const started = performance.now();
    recordOneTurn(metrics, started);
    times.push(performance.now() - started);
  }
  return times;
}

async function turn(bot: Harness): Promise<number> {
  const started = performance.now();
  const answer = await bot.post({ ...personalMessage(KATI, 'abi', { serviceUrl: bot.connector.url }), deliveryMode: 'expectReplies' });
  if (answer.status !== 200) throw new Error(`turn answered ${answer.status}`);
  return performance.now() - started;
}

async function endToEnd(): Promise<{ off: number[]; on: number[]; scrapes: number[] }> {
  const off = await startBot();
  const on = await startBot({ METRICS_TOKEN: TOKEN });
  for (const bot of [off, on]) await bot.post(installationUpdate(KATI, { serviceUrl: bot.connector.url }));
  for (let i = 0; i < 100; i += 1) await Promise.all([turn(off), turn(on)]);
  const times = { off: [] as number[], on: [] as number[], scrapes: [] as number[] };
  const scraper = setInterval(() => {
    const started = performance.now();
    void fetch(`${on.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((response) => response.text()).then(() => times.scrapes.push(performance.now() - started));
  }, 1000);
  for (let i = 0; i < TURNS; i += 1) {
    // Alternate which bot goes first so neither always gets the warmer cache.
    if (i % 2 === 0) {
      times.off.push(await turn(off));
      times.on.push(await turn(on));
    } else {
      times.on.push(await turn(on));
      times.off.push(await turn(off));
    }
  }
  clearInterval(scraper);
  await off.close();
  await on.close();
  return times;
}

async function main(): Promise<void> {
  const prometheus = new PrometheusMetrics();
  recordingCost(noMetrics);
  recordingCost(prometheus);
  const recordedOff = summary(recordingCost(noMetrics));
  const recordedOn = summary(recordingCost(prometheus));
  const ms = (value: number) => value.toFixed(4);
  console.log(`Recording one question turn's metrics, ${CALLS} turns (ms):`);
  console.log('| metrics | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---|---|---|');
  console.log(`| off (no-op port) | ${ms(recordedOff.p50)} | ${ms(recordedOff.p95)} | ${ms(recordedOff.p99)} |`);
  console.log(`| on (prom-client) | ${ms(recordedOn.p50)} | ${ms(recordedOn.p95)} | ${ms(recordedOn.p99)} |`);
  console.log(`| added by metrics | ${ms(recordedOn.p50 - recordedOff.p50)} | ${ms(recordedOn.p95 - recordedOff.p95)} | ${ms(recordedOn.p99 - recordedOff.p99)} |`);

  const { off, on, scrapes } = await endToEnd();
  const a = summary(off);
  const b = summary(on);
  const c = summary(scrapes);
  const ms2 = (value: number) => value.toFixed(2);
  console.log(`\nEnd to end, ${TURNS} HTTP turns each, interleaved, scraped every second (${scrapes.length} scrapes):`);
  console.log('| metrics | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---|---|---|');
  console.log(`| off | ${ms2(a.p50)} | ${ms2(a.p95)} | ${ms2(a.p99)} |`);
  console.log(`| on (METRICS_TOKEN) | ${ms2(b.p50)} | ${ms2(b.p95)} | ${ms2(b.p99)} |`);
  console.log(`| scrape of /metrics | ${ms2(c.p50)} | ${ms2(c.p95)} | ${ms2(c.p99)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
