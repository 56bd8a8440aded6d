import pg from 'pg';
import { CHANNEL_ID, MARI, SIIM, TEAM_ID, TENANT, cardSubmit, installationUpdate, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, textOf } from '../support/bot-harness.js';
import { STARTUP_MS } from '../support/bot-process.js';
import { startReplica, stopReplica, type BotReplica } from '../support/bot-replica.js';
import { FakeConnector } from '../support/fake-connector.js';
import { describeWithPostgres } from '../support/postgres.js';

type Replies = Array<Record<string, unknown>>;

const OPENS = 200;
const REQUESTERS: Person[] = Array.from({ length: 50 }, (_, n) => ({ aadObjectId: `f0f0f0f0-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Pöörduja ${n}` }));

async function ask(replica: BotReplica, activity: Record<string, unknown>): Promise<Replies> {
  const response = await fetch(`${replica.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }) });
  if (response.status !== 200) throw new Error(`${replica.url} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { activities?: Replies }).activities?.filter((reply) => reply.type !== 'typing') ?? [];
}

/** How many sessions on the database wait for a row lock. */
async function waitingForLock(url: string): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")).rows[0].n;
  } finally {
    await db.end();
  }
}

/** Runs `work` for each item, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += width) out.push(...await Promise.all(items.slice(start, start + width).map((item, offset) => work(item, start + offset))));
  return out;
}

/**
 * Two real bot processes (src/main.ts) on one PostgreSQL database, each with its own data folder,
 * behind one fake Bot Connector: what a load balancer in front of two replicas does to the store.
 */
describeWithPostgres('two replicas on one database', (server) => {
  const connector = new FakeConnector();
  const replicas: BotReplica[] = [];
  let databaseUrl = '';

  const start = (): Promise<BotReplica> => startReplica({
    ALLOWED_TENANTS: TENANT, STORE: 'postgres', DATABASE_URL: databaseUrl, CARD_SIGNING_SECRET: '', SPECIALISTS: `${SIIM.aadObjectId},${MARI.aadObjectId}`, SPECIALISTS_CHANNEL_ID: CHANNEL_ID,
    DIGEST_HOUR: '0', SCHEDULER_INTERVAL_SECONDS: '1',
  });

  beforeAll(async () => {
    await connector.start();
    databaseUrl = await server().freshDatabase();
    replicas.push(...await Promise.all([start(), start()]));
    // The channel is learned by one replica only; the other finds it in the database.
    await ask(replicas[0], installationUpdate(SIIM, { serviceUrl: connector.url, inChannel: true }));
  }, 2 * STARTUP_MS);

  afterAll(async () => {
    for (const replica of replicas) await stopReplica(replica);
    await connector.stop();
  });

  async function openCase(replica: BotReplica, person: Person, n: number): Promise<string> {
    const serviceUrl = connector.url;
    const [form] = await ask(replica, personalMessage(person, 'uus pöördumine', { serviceUrl }));
    // The form is submitted to the other replica half the time: a card made by one is good on both.
    const other = replicas[(replicas.indexOf(replica) + n) % 2];
    const replies = await ask(other, cardSubmit(person, buttonData(cardOf(form), 'Saada pöördumine'), { system: 'SKAIS', kind: 'broken', urgency: 'normal', description: `Viga ${n}` }, { serviceUrl }));
    const number = /TUGI-\d{4}-\d{5}/.exec(replies.map(textOf).join('\n'))?.[0];
    if (!number) throw new Error(`no case number in ${JSON.stringify(replies.map(textOf))}`);
    return number;
  }

  it(`${OPENS} concurrent opens across both replicas get ${OPENS} distinct, sequential numbers`, async () => {
    const numbers = await inBatches(Array.from({ length: OPENS }, (_, n) => n), 40, (n) => openCase(replicas[n % 2], REQUESTERS[n % REQUESTERS.length], n));
    const year = numbers[0].slice(5, 9);
    expect(new Set(numbers).size).toBe(OPENS);
    expect(numbers.map((number) => Number(number.slice(-5))).sort((a, b) => a - b)).toEqual(Array.from({ length: OPENS }, (_, n) => n + 1));
    expect(numbers.every((number) => number.startsWith(`TUGI-${year}-`))).toBe(true);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      expect((await db.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(OPENS);
      expect((await db.query('SELECT last FROM case_counters WHERE year = $1', [Number(year)])).rows[0].last).toBe(OPENS);
    } finally {
      await db.end();
    }
  }, 120_000);

  it('two specialists take the same case at the same moment on the two replicas: exactly one wins, the other is told who', async () => {
    const number = await openCase(replicas[0], REQUESTERS[0], 0);
    await connector.waitFor(() => cardOfCase(number) !== undefined, 10_000);
    const { id, card } = cardOfCase(number)!;
    const take = buttonData(card, 'Võta enda peale');
    const click = (replica: BotReplica, person: Person) => ask(replica, cardSubmit(person, take, {}, {
      serviceUrl: connector.url, replyToId: id, conversation: { id: `${CHANNEL_ID};messageid=${id}`, conversationType: 'channel', isGroup: true },
      channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } },
    }));
    // "At the same moment", made certain: the test holds the case's row lock, so both replicas read
    // the case, decide, and wait at their save until both wait; then the lock goes and they race.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query('BEGIN');
    await db.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [number]);
    const clicks = Promise.all([click(replicas[0], SIIM), click(replicas[1], MARI)]);
    await connector.waitFor(async () => (await waitingForLock(databaseUrl)) >= 2, 10_000);
    await db.query('COMMIT');
    const [bySiim, byMari] = await clicks;
    const texts = [bySiim, byMari].map((replies) => replies.map(textOf).join('\n'));
    expect(texts.join('\n')).not.toMatch(/Vabandust|Sorry/);
    const told = texts.map((text) => /on vahepeal juba otsustanud (Siim Spetsialist|Mari Maasikas)/.exec(text)?.[1]);
    expect(told.filter(Boolean)).toHaveLength(1);
    const winner = told[0] ? MARI : SIIM;
    expect(told.find(Boolean)).toBe(winner.name);
    try {
      const { rows } = await db.query<{ data: { status: string; assignee?: Person; history: unknown[] } }>('SELECT data FROM cases WHERE id = $1', [number]);
      expect(rows[0].data.status).toBe('in_progress');
      expect(rows[0].data.assignee?.aadObjectId).toBe(winner.aadObjectId);
      expect(rows[0].data.history).toHaveLength(2);
    } finally {
      await db.end();
    }
  }, 30_000);

  it('posts the daily digest once, though both replicas run their periodic work every second', async () => {
    const digests = () => connector.ofKind('create').filter((call) => /Pöördumiste ülevaade/.test(JSON.stringify(call.body)));
    await connector.waitFor(() => digests().length > 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(digests()).toHaveLength(1);
  }, 20_000);

  /** The channel card (thread root) of a case, as the connector shows it now. */
  function cardOfCase(number: string): { id: string; card: Record<string, unknown> } | undefined {
    for (const conversationId of connector.conversationIds().filter((conversation) => conversation.startsWith(`${CHANNEL_ID};messageid=`))) {
      const id = conversationId.split('=')[1];
      const message = connector.message(conversationId, id);
      if (message && textOf(message).includes(number)) return { id, card: cardOf(message)! };
    }
    return undefined;
  }
});
