import { GraphDirectory } from '../../../src/features/directory/index.js';
import { AppInstaller } from '../../../src/features/incidents/app-installs.js';
import type { InstallGraph } from '../../../src/features/incidents/install-calls.js';
import type { AppInstall, InstallStore } from '../../../src/features/incidents/install-store.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { LowdbConversationStore } from '../../../src/storage/lowdb-conversation-store.js';
import { LowdbInstallStore } from '../../../src/storage/lowdb-install-store.js';
import { FakeGraph, sentAtFetch } from '../../support/fake-graph.js';
import { seededRandom } from '../../support/seeded-random.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const CATALOG = 'c0ffee00-0000-4000-8000-00000000abcd';
const VIA = { serviceUrl: 'http://127.0.0.1:9/connector', tenantId: 'tenant', botId: '28:tugibot-test' };
const person = (index: number) => ({ id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, displayName: `Inimene ${index}` });

async function until(done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('proactive installs against a fake Graph on loopback', () => {
  const temp = useTempDataDir('tugibot-installs-');
  let data: DataDir;
  let graph: FakeGraph;

  async function installer(store: InstallStore, reachable: string[][] = [], rate = 20, through: (graph: InstallGraph) => InstallGraph = (direct) => direct) {
    const conversations = await LowdbConversationStore.open(data);
    const client = new GraphDirectory({ baseUrl: graph.url, tokens: { token: async () => 'token' }, fetch: sentAtFetch });
    const built = new AppInstaller({
      store, graph: through(client), enabled: true, catalogAppId: CATALOG, graphRoot: 'https://graph.microsoft.com/v1.0', ratePerSecond: rate,
      conversations, logger: silentLogger(), reachable: (ids) => reachable.push(ids), random: seededRandom(7),
    });
    built.start();
    return { built, conversations };
  }

  beforeEach(async () => { data = await temp.open(); });
  afterEach(async () => { await graph.stop(); });

  it('installs for everyone once, reads the chats, and counts those who had it already', async () => {
    graph = new FakeGraph();
    await graph.start();
    const people = Array.from({ length: 12 }, (_, index) => person(index));
    graph.addUsers(...people);
    for (const already of people.slice(0, 3)) graph.installed.set(already.id, 0);
    const reachable: string[][] = [];
    const { built, conversations } = await installer(await LowdbInstallStore.open(data), reachable);
    await built.request('RIKE-1', [...people.map((p) => p.id), 'ffffffff-0000-4000-8000-000000000000'], VIA);
    await until(async () => (await built.figures('RIKE-1')).pending === 0);
    await built.stop();
    expect(await built.figures('RIKE-1')).toEqual({ installed: 9, already: 3, pending: 0, failed: 1, forbidden: 0 });
    expect(graph.calls.filter((call) => call.method === 'POST' && call.status === 201)).toHaveLength(9);
    expect(await conversations.personalFor(people[5].id)).toMatchObject({ conversationId: `19:${people[5].id}_bot@unq.gbl.spaces`, kind: 'personal', serviceUrl: VIA.serviceUrl, bot: { id: VIA.botId } });
    expect(reachable.flat()).toContain('RIKE-1');
  });

  it('honours Retry-After: after a 429 nothing is sent before the wait is over, and everyone is installed once', async () => {
    graph = new FakeGraph({ throttleRate: 0.1, retryAfterSeconds: 1, random: seededRandom(3) });
    await graph.start();
    const people = Array.from({ length: 20 }, (_, index) => person(index));
    graph.addUsers(...people);
    const { built } = await installer(await LowdbInstallStore.open(data), [], 25);
    await built.request('RIKE-2', people.map((p) => p.id), VIA);
    await until(async () => (await built.figures('RIKE-2')).pending === 0, 60_000);
    await built.stop();
    expect(graph.calls.filter((call) => call.status === 429).length).toBeGreaterThan(0);
    expect(graph.early).toEqual([]);
    expect(await built.figures('RIKE-2')).toMatchObject({ installed: 20, failed: 0 });
    expect(graph.calls.filter((call) => call.method === 'POST' && call.status === 201)).toHaveLength(20);
    expect(graph.calls.filter((call) => call.method === 'POST' && call.status === 409)).toHaveLength(0);
  }, 70_000);

  it('stops at the first 403 and counts everyone as out of reach', async () => {
    graph = new FakeGraph({ canInstall: false });
    await graph.start();
    const people = Array.from({ length: 8 }, (_, index) => person(index));
    graph.addUsers(...people);
    const { built } = await installer(await LowdbInstallStore.open(data));
    await built.request('RIKE-3', people.map((p) => p.id), VIA);
    await until(async () => (await built.figures('RIKE-3')).pending === 0);
    await built.stop();
    expect(built.mode()).toBe('forbidden');
    expect(await built.figures('RIKE-3')).toMatchObject({ forbidden: 8, installed: 0 });
    // A few calls in flight at once may each get their 403; never all eight.
    expect(graph.calls.filter((call) => call.method === 'POST').length).toBeLessThanOrEqual(4);
  });

  it('continues after a restart from what it stored, without installing anyone twice', async () => {
    graph = new FakeGraph();
    await graph.start();
    const people = Array.from({ length: 20 }, (_, index) => person(index));
    graph.addUsers(...people);
    const first = await installer(await LowdbInstallStore.open(data), [], 10);
    await first.built.request('RIKE-4', people.map((p) => p.id), VIA);
    await until(() => graph.installed.size >= 5);
    await first.built.stop();
    expect((await first.built.figures('RIKE-4')).pending).toBeGreaterThan(0);
    await data.close();
    data = await temp.open();
    const second = await installer(await LowdbInstallStore.open(data), [], 10);
    await until(async () => (await second.built.figures('RIKE-4')).pending === 0);
    await second.built.stop();
    expect(await second.built.figures('RIKE-4')).toMatchObject({ failed: 0, forbidden: 0 });
    expect(graph.installed.size).toBe(20);
    expect(graph.calls.filter((call) => call.method === 'POST' && call.status === 201)).toHaveLength(20);
  });

  it('keeps a notice another replica adds while the install runs: it hears of the new chat too', async () => {
    graph = new FakeGraph();
    await graph.start();
    graph.addUsers(person(1));
    const store = await LowdbInstallStore.open(data);
    // The install call waits until the other replica has added its notice to the person's record.
    let posted!: () => void;
    const atPost = new Promise<void>((resolve) => { posted = resolve; });
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const held = (direct: InstallGraph): InstallGraph => ({
      send: async (method, path, body) => {
        if (method === 'POST') { posted(); await released; }
        return direct.send(method, path, body);
      },
    });
    const reachable: string[][] = [];
    const working = await installer(store, reachable, 20, held);
    const other = new AppInstaller({
      store, graph: { send: async () => ({ status: 500 }) }, enabled: true, catalogAppId: CATALOG, graphRoot: 'https://graph.microsoft.com/v1.0', ratePerSecond: 20,
      conversations: working.conversations, logger: silentLogger(), reachable: () => undefined,
    });
    await working.built.request('RIKE-6', [person(1).id], VIA);
    await atPost;
    await other.request('RIKE-7', [person(1).id], VIA);
    release();
    await until(async () => (await store.get(person(1).id))?.state === 'installed');
    await working.built.stop();
    expect((await store.get(person(1).id))?.incidents.sort()).toEqual(['RIKE-6', 'RIKE-7']);
    expect(await working.built.figures('RIKE-7')).toMatchObject({ installed: 1, pending: 0 });
    expect(reachable.flat().sort()).toEqual(['RIKE-6', 'RIKE-7']);
  });

  it('keeps a notice another replica adds to someone else\'s record while a 403 is handled', async () => {
    graph = new FakeGraph({ canInstall: false });
    await graph.start();
    graph.addUsers(person(1), person(2));
    const lowdb = await LowdbInstallStore.open(data);
    const now = Date.now();
    // Person 2 waits for a retry, so only person 1's install is called; its 403 marks person 2 out of reach.
    await lowdb.put({ id: person(2).id, state: 'pending', incidents: ['RIKE-8'], attempts: 1, via: VIA, failure: 'Graph 503', nextAttemptAt: now + 60_000, updatedAt: new Date(now).toISOString() });
    const replica: { other?: AppInstaller } = {};
    let added = false;
    // Just before the first write that marks person 2 out of reach, the other replica adds its notice to them.
    const beforeForbidden = async (install: AppInstall) => {
      if (added || install.id !== person(2).id || install.state !== 'forbidden') return;
      added = true;
      await replica.other?.request('RIKE-9', [person(2).id], VIA);
    };
    const store: InstallStore = {
      get: (id) => lowdb.get(id),
      all: () => lowdb.all(),
      put: async (install) => { await beforeForbidden(install); await lowdb.put(install); },
      claim: async (install, expected) => { await beforeForbidden(install); return lowdb.claim(install, expected); },
    };
    const working = await installer(store);
    replica.other = new AppInstaller({
      store, graph: { send: async () => ({ status: 500 }) }, enabled: true, catalogAppId: CATALOG, graphRoot: 'https://graph.microsoft.com/v1.0', ratePerSecond: 20,
      conversations: working.conversations, logger: silentLogger(), reachable: () => undefined,
    });
    await working.built.request('RIKE-8', [person(1).id], VIA);
    await until(async () => (await store.get(person(1).id))?.state === 'forbidden' && (await store.get(person(2).id))?.state === 'forbidden');
    await working.built.stop();
    expect(added).toBe(true);
    expect((await store.get(person(2).id))?.incidents.sort()).toEqual(['RIKE-8', 'RIKE-9']);
    expect(await working.built.figures('RIKE-9')).toMatchObject({ forbidden: 1, pending: 0 });
  });

  it('keeps a Retry-After read before a restart: the new installer calls nobody before it ends', async () => {
    graph = new FakeGraph();
    await graph.start();
    graph.addUsers(person(1), person(2));
    const store = await LowdbInstallStore.open(data);
    const now = Date.now();
    const base = { incidents: ['RIKE-5'], attempts: 1, via: VIA, updatedAt: new Date(now).toISOString() };
    await store.put({ ...base, id: person(1).id, state: 'pending', failure: 'throttled', nextAttemptAt: now + 1500 });
    await store.put({ ...base, id: person(2).id, state: 'pending', attempts: 0 });
    const { built } = await installer(store);
    await until(async () => (await built.figures('RIKE-5')).pending === 0);
    await built.stop();
    expect((await built.figures('RIKE-5')).installed).toBe(2);
    expect(Math.min(...graph.calls.map((call) => call.at))).toBeGreaterThanOrEqual(now + 1500);
  });
});
