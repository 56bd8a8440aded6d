// "Sain aru" from many people within a minute, through HTTP: every press counted once, and the
// desk's progress report edited at most once every few seconds, not once per press.
// Run: npx tsx bench/notice-acks.ts [--people 10000] [--clients 40] [--skip-known-capture 1]
// `--skip-known-capture 1` does not rewrite the conversation store for an address it already holds,
// as the sharded conversation store now on main does natively; with the old single-file store every press
// rewrites the whole conversations.json of main's store, which bounds the rate (see README-notices).
// The app is real (buildApp, restify, botbuilder's CloudAdapter, lowdb in a temp folder); the Bot
// Connector is the in-process fake from test/support, without limits (the broadcast is not measured here).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/shared/logger.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { CHANNEL_ID, SIIM, TENANT, executeInvoke, installationUpdate, type Person } from '../test/support/activities.js';
import { buttonData, cardOf } from '../test/support/bot-harness.js';
import { alertmanager } from '../test/support/alertmanager.js';
import { argument } from './argument.js';

const PEOPLE = argument('people', 10_000);
const CLIENTS = argument('clients', 40);
const SKIP_KNOWN_CAPTURE = argument('skip-known-capture', 0) === 1;

const personOf = (index: number): Person => ({ aadObjectId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, name: `Inimene ${index}` });
const conversationOf = (person: Person) => `a:personal-${person.aadObjectId}`;

/** Writes the conversation store's file directly: saving 10,000 addresses one by one would dominate the run. */
function seedConversations(dataDir: string, serviceUrl: string): void {
  const conversations: Record<string, unknown> = {};
  for (let index = 0; index < PEOPLE; index += 1) {
    const person = personOf(index);
    const id = conversationOf(person);
    conversations[id] = { address: { channel: 'msteams', serviceUrl, tenantId: TENANT, conversationId: id, kind: 'personal', bot: { id: '28:tugibot-test' }, user: { teamsId: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId } }, updatedAt: new Date().toISOString() };
  }
  writeFileSync(join(dataDir, 'conversations.json'), JSON.stringify({ conversations }));
}

async function waitFor(what: string, done: () => boolean, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const connector = new FakeConnector();
  await connector.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-acks-'));
  seedConversations(dataDir, connector.url);
  const config = loadConfig({
    DATA_DIR: dataDir, LOG_LEVEL: 'silent', ALLOWED_TENANTS: TENANT, ALERTMANAGER_TOKEN: 'alertmanager-token-for-tests', NOTICE_AUTO_PUBLISH: 'STAR:critical',
    SPECIALISTS: SIIM.aadObjectId, SPECIALISTS_CHANNEL_ID: CHANNEL_ID, BROADCAST_RATE_PER_SECOND: '2000', BROADCAST_RATE_PER_CONVERSATION: '50', CARD_SIGNING_SECRET: 'bench-secret-bench-secret-bench',
  });
  const app = await buildApp(config, { logger: silentLogger() });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  if (SKIP_KNOWN_CAPTURE) {
    const known = new Set((await app.conversations.allPersonal()).map((address) => address.conversationId));
    const save = app.conversations.save.bind(app.conversations);
    app.conversations.save = async (address) => (known.has(address.conversationId) ? undefined : save(address));
  }
  const post = (body: unknown) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  try {
    await post(installationUpdate(SIIM, { serviceUrl: connector.url, inChannel: true }));
    const star = { alertname: 'StarDown', system: 'STAR', severity: 'critical', instance: 'star-web3:443' };
    const fired = await alertmanager(url, 'bench-acks', 'firing', star, { summary: 'STAR probe failed' });
    if (fired.status !== 201) throw new Error(`The alert was not accepted: ${fired.status}`);
    const people = Array.from({ length: PEOPLE }, (_, index) => personOf(index));
    const noticeOf = (person: Person) => connector.messagesIn(conversationOf(person)).find((message) => JSON.stringify(message.activity).includes('Sain aru'));
    await waitFor('the broadcast', () => connector.sends().length >= PEOPLE + 1, 300);
    await waitFor('every notice', () => people.every((person) => noticeOf(person) !== undefined), 60);
    const report = () => {
      for (const id of connector.conversationIds().filter((conversation) => conversation.startsWith(`${CHANNEL_ID};`))) {
        for (const message of connector.messagesIn(id)) if (JSON.stringify(message.activity).includes('Kinnitanud')) return { conversationId: id, id: message.id, text: JSON.stringify(message.activity) };
      }
      return undefined;
    };
    const counted = () => Number(/Kinnitanud \(„Sain aru“\)","value":"(\d+) \//.exec(report()?.text ?? '')?.[1] ?? -1);
    await waitFor('the desk report', () => counted() === 0, 30);

    const presses = people.map((person) => executeInvoke(person, buttonData(cardOf(noticeOf(person)!.activity), 'Sain aru'), {}, { serviceUrl: connector.url }));
    let next = 0;
    let failed = 0;
    const started = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (next < presses.length) {
        const answer = await post(presses[next++]);
        await answer.arrayBuffer();
        if (answer.status !== 200) failed += 1;
      }
    }));
    const pressed = Date.now() - started;
    await waitFor('every acknowledgement in the report', () => counted() === PEOPLE, 60);
    const shown = Date.now() - started;
    const desk = report()!;
    const edits = connector.ofKind('update').filter((call) => call.conversationId === desk.conversationId && call.activityId === desk.id && call.at >= started).length;
    const rows: Array<[string, string]> = [
      ['people (notices delivered)', String(PEOPLE)],
      ['HTTP clients pressing at once', String(CLIENTS)],
      ['known addresses not rewritten on capture', SKIP_KNOWN_CAPTURE ? 'yes (as branch storage)' : 'no (main\'s store)'],
      ['presses sent (s)', (pressed / 1000).toFixed(1)],
      ['presses per second', (PEOPLE / (pressed / 1000)).toFixed(0)],
      ['presses answered other than 200', String(failed)],
      ['acknowledged in the report', String(counted())],
      ['all counted in the report after (s)', (shown / 1000).toFixed(1)],
      ['edits of the desk report meanwhile', String(edits)],
      ['most edits allowed (one per 3 s, plus one)', String(Math.ceil(shown / 3000) + 1)],
    ];
    for (const [name, value] of rows) console.log(`${name.padEnd(46)} ${value}`);
    if (counted() !== PEOPLE || failed > 0 || pressed > 60_000 || edits > Math.ceil(shown / 3000) + 1) process.exitCode = 1;
  } finally {
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
    await app.close();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
