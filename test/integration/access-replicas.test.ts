import pg from 'pg';
import { CardSigner } from '../../src/shared/card-signer.js';
import { ManualClock } from '../../src/shared/clock.js';
import { KATI, MARI, SIIM, cardSubmit, installationUpdate, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { describeWithPostgres } from '../support/postgres.js';

/** Signs like the bots (the harness's secret): the same button clicked on either replica. */
const signer = new CardSigner('test-secret-test-secret-test-secret');
const JUHT: Person = { aadObjectId: 'd4d4d4d4-0000-4000-8000-000000000004', name: 'Jaan Juht' };

/**
 * Issue 13 item 3 for access: two replicas of the bot on one PostgreSQL, each with its own data
 * folder and Bot Connector. Numbers stay unique, a request or task decided on both at once is
 * decided once (the other click gets the readable refusal), and the daily scan runs once.
 */
describeWithPostgres('access on two replicas sharing one database', (server) => {
  const clock = new ManualClock('2026-11-26T08:00:00.000Z');
  let replicas: Harness[] = [];
  let url: string;

  beforeAll(async () => {
    url = await server().freshDatabase();
    const env = { STORE: 'postgres', DATABASE_URL: url, DIRECTORY_FILE: 'test/fixtures/directory.json', ACCESS_REMINDER_DAYS: '3' };
    replicas = await Promise.all([startBot(env, { clock }), startBot(env, { clock })]);
    for (const bot of replicas) {
      await bot.post(installationUpdate(SIIM, { serviceUrl: bot.connector.url, inChannel: true }));
      for (const person of [KATI, MARI, SIIM, JUHT]) await bot.post(installationUpdate(person, { serviceUrl: bot.connector.url }));
    }
  }, 60_000);
  afterAll(async () => { await Promise.all(replicas.map((bot) => bot.close())); });

  const sql = async <R extends object>(text: string, params: unknown[] = []): Promise<R[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(text, params)).rows;
    } finally {
      await client.end();
    }
  };
  /** Every message either replica posted (a channel post carries its activity) whose text matches. */
  const sentEverywhere = (pattern: RegExp) => replicas.flatMap((bot) => bot.connector.sends())
    .filter((call) => pattern.test(textOf((call.body.activity as Record<string, unknown> | undefined) ?? call.body)));
  const click = (bot: Harness, person: Person, verb: string, args: Record<string, string | number | boolean>, inputs: Record<string, unknown> = {}) =>
    bot.ask(cardSubmit(person, signer.sign(verb, args), inputs, { serviceUrl: bot.connector.url }));

  async function submit(bot: Harness, person: Person, inputs: Record<string, unknown>): Promise<string> {
    const [form] = await bot.ask(personalMessage(person, 'ligipääs', { serviceUrl: bot.connector.url }));
    const replies = await bot.ask(cardSubmit(person, buttonData(cardOf(form), 'Saada taotlus'), inputs, { serviceUrl: bot.connector.url }));
    return /LIG-\d{4}-\d{5}/.exec(replies.map(textOf).join('\n'))?.[0] ?? '';
  }

  it('numbers requests submitted on both replicas at once without repeats or gaps', async () => {
    const inputs = (person: Person) => ({ kind: 'grant', subject: person.aadObjectId, system: 'STAR', roles: 'star.test-account', justification: 'Koolitus', start: '2026-11-27' });
    const ids = await Promise.all([0, 1, 2, 3, 4, 5].map((n) => submit(replicas[n % 2], n % 3 ? KATI : MARI, inputs(n % 3 ? KATI : MARI))));
    expect([...ids].sort()).toEqual(['LIG-2026-00001', 'LIG-2026-00002', 'LIG-2026-00003', 'LIG-2026-00004', 'LIG-2026-00005', 'LIG-2026-00006']);
  });

  it('decides a request clicked on both replicas at once exactly once; the other click is told who decided', async () => {
    const id = 'LIG-2026-00001';
    const answers = await Promise.all([
      click(replicas[0], JUHT, 'access.decide', { requestId: id, approve: true }, { comment: 'Sobib' }),
      click(replicas[1], JUHT, 'access.decide', { requestId: id, approve: false }, { comment: 'Ei sobi' }),
    ]);
    const refusals = answers.map((replies) => replies.map(textOf).join('\n')).filter((text) => /on juba otsustanud Jaan Juht/.test(text));
    expect(refusals).toHaveLength(1);
    const [stored] = await sql<{ state: string; finished: boolean }>('SELECT state, finished FROM access_requests WHERE id = $1', [id]);
    expect(stored.finished).toBe(true);
    const decisions = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM access_audit WHERE record->>'ref' = $1 AND record->>'action' IN ('approved', 'rejected')`, [id]);
    expect(decisions[0].n).toBe(1);
    expect(sentEverywhere(new RegExp(`Ülesanne ${id}/1:`))).toHaveLength(stored.state === 'approved' ? 1 : 0);
  });

  it('closes a task clicked on both replicas at once exactly once, and records the grant once', async () => {
    const id = 'LIG-2026-00002';
    await click(replicas[1], JUHT, 'access.decide', { requestId: id, approve: true }, { comment: '' });
    const taskId = `${id}/1`;
    const answers = await Promise.all([
      click(replicas[0], SIIM, 'access.task.done', { taskId }),
      click(replicas[1], SIIM, 'access.task.impossible', { taskId }, { reason: 'Süsteem maas' }),
    ]);
    const refusals = answers.map((replies) => replies.map(textOf).join('\n')).filter((text) => new RegExp(`Ülesande ${taskId} on juba otsustanud`).test(text));
    expect(refusals).toHaveLength(1);
    const [task] = await sql<{ record: { state: string } }>('SELECT record FROM access_tasks WHERE id = $1 AND finished', [taskId]);
    const grants = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM access_grants WHERE record->>'source' = $1`, [id]);
    expect(grants[0].n).toBe(task.record.state === 'done' ? 1 : 0);
    const closings = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM access_audit WHERE record->>'ref' = $1`, [taskId]);
    expect(closings[0].n).toBe(1);
  });

  it('runs the daily scan once when both replicas tick at the same moment', async () => {
    await click(replicas[0], JUHT, 'access.decide', { requestId: 'LIG-2026-00003', approve: true }, { comment: '' });
    clock.set('2026-12-02T08:00:00.000Z');
    await Promise.all(replicas.map((bot) => bot.app.scheduler.tick()));
    await Promise.all(replicas.map((bot) => bot.app.scheduler.tick()));
    expect(sentEverywhere(/Tähtaja ületanud ligipääsuülesanded/)).toHaveLength(1);
    expect(sentEverywhere(/Ülesande LIG-2026-00003\/1 tähtaeg .* on möödas/)).toHaveLength(1);
    const [state] = await sql<{ last_scan_on: string }>('SELECT last_scan_on FROM access_scan_state');
    expect(state.last_scan_on).toBe('2026-12-02');
  });
});
