// The store work on each per-turn and per-send path, with little and with much stored: a question
// turn, opening a case, a card click, a send. Each path should cost the same either way (issue 15
// item 4). Real lowdb files in a temporary folder.
// Run: npx tsx bench/hot-paths.ts [--people 100000] [--open 5000] [--decisions 100000] [--outbox 30000] [--ops 300]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Case } from '../src/features/cases/index.js';
import type { DeliveryEntry } from '../src/features/incidents/index.js';
import type { CardDecision } from '../src/shared/card-decisions.js';
import { silentLogger } from '../src/shared/logger.js';
import { DataDir } from '../src/storage/data-dir.js';
import { LowdbCardDecisionStore } from '../src/storage/lowdb-card-decisions.js';
import { LowdbCaseStore } from '../src/storage/lowdb-case-store.js';
import { LowdbConversationStore } from '../src/storage/lowdb-conversation-store.js';
import { LowdbOutboxStore } from '../src/storage/lowdb-outbox-store.js';
import { personalConversationId } from '../test/support/activities.js';
import { argument } from './argument.js';
import { percentile, person, seedPeopleApart } from './people-seed.js';

const LARGE = { people: argument('people', 100_000), open: argument('open', 5000), decisions: argument('decisions', 100_000), outbox: argument('outbox', 30_000) };
// 1,000 people, so that the small store's turns too are 300 different people (each a first read of their shard).
const SMALL = { people: 1000, open: 10, decisions: 100, outbox: 100 };
const OPS = argument('ops', 300);

type Sizes = typeof LARGE;

function caseOf(n: number, requester: string): Case {
  return {
    id: `TUGI-2026-${String(n).padStart(6, '0')}`, version: 1, status: 'new', requester: { aadObjectId: requester, name: 'Inimene' },
    system: 'SKAIS', kind: 'question', urgency: 'normal', description: 'Taotluse salvestamisel tuleb veateade. '.repeat(3), shownArticles: [],
    openedAt: new Date(Date.UTC(2026, 11, 1, 8, 0, n)).toISOString(), dueAt: '2026-12-09T08:00:00Z', history: [],
  } as unknown as Case;
}

/** Card decisions written as archive segments (5,000 each, as the collection writes them): 100,000 clicks take seconds to make. */
function seedDecisions(dir: string, count: number): void {
  mkdirSync(join(dir, 'card-decisions'), { recursive: true });
  for (let segment = 0; segment * 500 < count; segment += 1) {
    const records: CardDecision[] = [];
    for (let n = segment * 500; n < Math.min(count, (segment + 1) * 500); n += 1) records.push({ id: `card-${n}`, by: person(n % 1000).aadObjectId, verb: 'approve', at: '2026-11-01T08:00:00Z' });
    writeFileSync(join(dir, 'card-decisions', `archive-${String(segment + 1).padStart(6, '0')}.json`), JSON.stringify({ records }));
  }
}

function entryOf(n: number, state: DeliveryEntry['state'], deliveredVersion: number): DeliveryEntry {
  const conversationId = `a:${n}`;
  return {
    id: `RIKE-1|personal:${conversationId}`, incidentId: 'RIKE-1', key: `personal:${conversationId}`, state, deliveredVersion, sendingVersion: 1, attempts: 1, updatedAt: '2026-12-07T00:00:00Z',
    address: { channel: 'msteams', serviceUrl: 'http://localhost', conversationId, kind: 'personal', bot: { id: '28:bot' } },
  };
}

async function timed(run: (n: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let n = 0; n < OPS; n += 1) {
    const start = performance.now();
    await run(n);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function measure(sizes: Sizes): Promise<Record<string, { p50: number; p95: number }>> {
  const dir = mkdtempSync(join(tmpdir(), 'tugibot-hot-'));
  try {
    seedPeopleApart(dir, sizes.people, 'http://localhost');
    seedDecisions(dir, sizes.decisions);
    let data = await DataDir.open(dir, silentLogger());
    const cases = await LowdbCaseStore.open(data);
    for (let n = 0; n < sizes.open; n += 1) await cases.save(caseOf(n, person(n, 'e').aadObjectId));
    const outbox = await LowdbOutboxStore.open(data);
    for (let n = 0; n < sizes.outbox; n += 500) {
      await Promise.all(Array.from({ length: Math.min(500, sizes.outbox - n) }, (_, k) => outbox.put(entryOf(n + k, 'idle', n + k < sizes.outbox / 2 ? 1 : 0))));
    }
    await data.close();

    data = await DataDir.open(dir, silentLogger());
    const conversations = await LowdbConversationStore.open(data);
    const reopened = await LowdbCaseStore.open(data);
    const decisions = await LowdbCardDecisionStore.open(data);
    const sends = await LowdbOutboxStore.open(data);
    const someone = (n: number) => person((n * 7919) % sizes.people, 'e');
    const results = {
      'question turn (address refresh, their chat, their open cases)': await timed(async (n) => {
        const who = someone(n);
        const address = await conversations.personalFor(who.aadObjectId);
        if (!address || address.conversationId !== personalConversationId(who)) throw new Error('person not found');
        await conversations.save(address);
        return reopened.findOpenByRequester(who.aadObjectId);
      }),
      'opening a case (their open cases, number, save)': await timed(async (n) => {
        const who = someone(n);
        await reopened.findOpenByRequester(who.aadObjectId);
        await reopened.create(2026, () => caseOf(900_000 + n, who.aadObjectId));
      }),
      'card click (decided? then record the decision)': await timed(async (n) => {
        if (await decisions.get(`new-card-${n}`)) throw new Error('decided twice');
        await decisions.put({ id: `new-card-${n}`, by: someone(n).aadObjectId, verb: 'approve', at: new Date().toISOString() });
      }),
      'send (outbox entry sending, delivered, progress)': await timed(async (n) => {
        const entry = entryOf(sizes.outbox + n, 'sending', 0);
        await sends.put(entry);
        await sends.put({ ...entry, state: 'idle', deliveredVersion: 1 });
        return await sends.progress('RIKE-1', 1, sizes.outbox + OPS);
      }),
    };
    await data.close();
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const small = await measure(SMALL);
const large = await measure(LARGE);
console.log(`Stored: small ${JSON.stringify(SMALL)}; large ${JSON.stringify(LARGE)}; ${OPS} operations each; Node ${process.version}.`);
console.log('| path | small p50 (ms) | small p95 (ms) | large p50 (ms) | large p95 (ms) | p95 large / small |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [path, little] of Object.entries(small)) {
  const much = large[path];
  console.log(`| ${path} | ${little.p50.toFixed(2)} | ${little.p95.toFixed(2)} | ${much.p50.toFixed(2)} | ${much.p95.toFixed(2)} | ${(much.p95 / little.p95).toFixed(2)} |`);
}
