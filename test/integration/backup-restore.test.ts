import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { KATI, TENANT, cardSubmit, installationUpdate, personalConversationId } from '../support/activities.js';
import { buttonData, cardOf, textOf } from '../support/bot-harness.js';
import { FakeConnector } from '../support/fake-connector.js';
import { outputOf, spawnTs } from '../support/spawn-ts.js';
import { signIncident } from '../../src/http/incident-signature.js';
import { CardSigner } from '../../src/shared/card-signer.js';

const SECRET = 'backup-test-secret';
const CARD_SECRET = 'backup-test-card-secret-0000';

/** Starts `src/main.ts` in its own process and resolves with its port once it listens. */
async function startProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawnTs('src/main.ts', [], env);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`The bot did not start:\n${output}`)); }, 45_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on port (\d+)/.exec(output);
      if (match) { clearTimeout(timer); resolve(Number(match[1])); }
    });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`The bot exited (${code}):\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function stopProcess(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** `npm run data -- ARGS` as its own process: its exit code and what it printed. */
async function runData(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawnTs('scripts/data.ts', args, env);
  const output = outputOf(child);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output: await output };
}

const post = (url: string, activity: unknown) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

/** Opens a support case as Kati through the running bot; resolves with its number. */
async function openCase(url: string, connector: FakeConnector): Promise<string> {
  const signer = new CardSigner(CARD_SECRET);
  const serviceUrl = connector.url;
  const conversation = personalConversationId(KATI);
  const before = connector.sends(conversation).length;
  await post(url, cardSubmit(KATI, signer.sign('cases.start', { question: 'SKAIS ei avane', shown: '' }), {}, { serviceUrl }));
  await connector.waitFor(() => connector.sends(conversation).length > before, 5_000);
  const submit = buttonData(cardOf(connector.sends(conversation).at(-1)?.body ?? {}), 'Saada pöördumine');
  const count = connector.sends(conversation).length;
  await post(url, cardSubmit(KATI, submit, { system: 'SKAIS', kind: 'broken', urgency: 'high', description: 'SKAIS ei avane' }, { serviceUrl }));
  await connector.waitFor(() => connector.sends(conversation).slice(count).some((call) => /TUGI-\d{4}-\d{5}/.test(textOf(call.body))), 5_000);
  return /TUGI-\d{4}-\d{5}/.exec(connector.sends(conversation).slice(count).map((call) => textOf(call.body)).join('\n'))?.[0] as string;
}

function storedCaseIds(dataDir: string): string[] {
  const dir = join(dataDir, 'cases');
  return readdirSync(dir).filter((name) => /^(live|archive)-\d+\.json$/.test(name))
    .flatMap((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { records: Array<{ id: string }> }).records.map((record) => record.id));
}

describe('backup of a running bot in the middle of a broadcast, restored and started again', () => {
  it('the restored bot carries on: it finishes the remaining deliveries and keeps the case', async () => {
    const connector = new FakeConnector();
    await connector.start();
    connector.slowDown(60);
    const root = mkdtempSync(join(tmpdir(), 'tugibot-backup-it-'));
    const dataDir = join(root, 'data');
    const restoredDir = join(root, 'restored');
    const backupFile = join(root, 'mid-broadcast.tugibot');
    const env = { ...process.env, NODE_ENV: 'development', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ALLOWED_TENANTS: TENANT, INCIDENT_WEBHOOK_SECRET: SECRET, NOTICE_AUTO_PUBLISH: 'STAR:major', BROADCAST_RATE_PER_SECOND: '8', CARD_SIGNING_SECRET: CARD_SECRET };
    const people = Array.from({ length: 60 }, (_, index) => ({ aadObjectId: randomUUID(), name: `Inimene ${index}` }));
    const notices = () => connector.sends().filter((call) => JSON.stringify(call.body).includes('RIKE-'));
    let running = await startProcess(env);
    try {
      for (const person of people) await post(running.url, installationUpdate(person, { serviceUrl: connector.url }));
      const caseNumber = await openCase(running.url, connector);
      expect(caseNumber).toMatch(/^TUGI-/);
      const body = JSON.stringify({ systems: ['STAR'], severity: 'major', status: 'investigating', title: 'STAR ei salvesta', description: 'Uurime.' });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const answer = await fetch(`${running.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, body) }, body });
      expect(answer.status).toBe(201);

      await connector.waitFor(() => notices().length >= 5, 10_000);
      const sentBeforeBackup = new Set(notices().map((call) => call.conversationId));
      const backup = await runData(['backup', backupFile], env);
      expect(backup).toMatchObject({ code: 0, output: expect.stringMatching(/Backed up \d+ files/) });
      running.child.kill('SIGKILL'); // the first bot is gone for good: only the backup remains
      await new Promise((resolve) => running.child.once('exit', resolve));
      const sentByFirst = new Set(notices().map((call) => call.conversationId));

      const restored = await runData(['restore', backupFile, '--into', restoredDir], env);
      expect(restored).toMatchObject({ code: 0, output: expect.stringContaining(`into ${restoredDir}`) });
      expect(storedCaseIds(restoredDir)).toContain(caseNumber);

      const before = connector.sends().length;
      const fromRestored = () => connector.sends().slice(before).filter((call) => JSON.stringify(call.body).includes('RIKE-')).map((call) => call.conversationId);
      running = await startProcess({ ...env, DATA_DIR: restoredDir });
      await connector.waitFor(() => new Set([...sentByFirst, ...fromRestored()]).size === people.length, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // It carried on from where the backup was taken: deliveries remained, none twice, none the backup had recorded.
      const restoredTargets = fromRestored();
      expect(restoredTargets.length).toBeGreaterThan(0);
      expect(new Set(restoredTargets).size).toBe(restoredTargets.length);
      // At most the one send in flight at the moment of the snapshot (sent, not yet recorded) goes again.
      expect(restoredTargets.filter((id) => sentBeforeBackup.has(id)).length).toBeLessThanOrEqual(1);
      await stopProcess(running.child);
      expect(storedCaseIds(restoredDir)).toContain(caseNumber);
    } finally {
      await stopProcess(running.child);
      await connector.stop();
      rmSync(root, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses to restore into a folder that is not empty, and a damaged file, naming the problem', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tugibot-backup-it-'));
    const env = { ...process.env, NODE_ENV: 'development', DATA_DIR: join(root, 'data') };
    try {
      writeFileSync(join(root, 'damaged.tugibot'), 'not a backup');
      writeFileSync(join(root, 'keep.txt'), 'x');
      const busy = await runData(['restore', join(root, 'damaged.tugibot'), '--into', root], env);
      expect(busy.code).toBe(1);
      expect(busy.output).toMatch(/Refusing to restore into .*: the folder is not empty/);
      const damaged = await runData(['restore', join(root, 'damaged.tugibot'), '--into', join(root, 'new')], env);
      expect(damaged.code).toBe(1);
      expect(damaged.output).toMatch(/is not a readable tugibot backup \(damaged or not one\)/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 30_000);
});
