import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { TENANT, installationUpdate, personalConversationId } from '../support/activities.js';
import { FakeConnector } from '../support/fake-connector.js';
import { spawnTs } from '../support/spawn-ts.js';
import { STARTUP_MS, listeningPort } from '../support/bot-process.js';
import { signIncident } from '../../src/http/incident-signature.js';

const SECRET = 'kill-test-secret';

/** Starts `src/main.ts` in its own process and resolves with its port once it listens. */
async function startProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawnTs('src/main.ts', [], env);
  return { child, url: `http://127.0.0.1:${await listeningPort(child)}` };
}

describe('a broadcast killed mid-way (SIGKILL) and started again', () => {
  it('delivers to everyone exactly once, as the connector counts', async () => {
    const connector = new FakeConnector();
    await connector.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-kill-'));
    const env = { ...process.env, NODE_ENV: 'development', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ALLOWED_TENANTS: TENANT, INCIDENT_WEBHOOK_SECRET: SECRET, NOTICE_AUTO_PUBLISH: 'STAR:major', BROADCAST_RATE_PER_SECOND: '8', CARD_SIGNING_SECRET: 'kill-test-card-secret-0000' };
    const people = Array.from({ length: 16 }, (_, index) => ({ aadObjectId: randomUUID(), name: `Inimene ${index}` }));
    const notices = () => connector.sends().filter((call) => JSON.stringify(call.body).includes('RIKE-'));
    let running = await startProcess(env);
    try {
      for (const person of people) {
        await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(installationUpdate(person, { serviceUrl: connector.url })) });
      }
      const body = JSON.stringify({ systems: ['STAR'], severity: 'major', status: 'investigating', title: 'STAR ei salvesta', description: 'Uurime.' });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const answer = await fetch(`${running.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, body) }, body });
      expect(answer.status).toBe(201);

      await connector.waitFor(() => notices().length >= 5, 10_000);
      // Between two paced sends (about 125 ms apart), not inside one: see bench/README-broadcast.md.
      await new Promise((resolve) => setTimeout(resolve, 40));
      running.child.kill('SIGKILL');
      await new Promise((resolve) => running.child.once('exit', resolve));
      const beforeRestart = notices().length;
      expect(beforeRestart).toBeLessThan(people.length);

      running = await startProcess(env);
      await connector.waitFor(() => new Set(notices().map((call) => call.conversationId)).size === people.length, 15_000);
      for (const person of people) expect(notices().filter((call) => call.conversationId === personalConversationId(person))).toHaveLength(1);
    } finally {
      running.child.kill('SIGTERM');
      await new Promise((resolve) => running.child.once('exit', resolve));
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000 + 2 * STARTUP_MS); // two start-ups, each with its own bounded wait
});
