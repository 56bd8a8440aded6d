import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputOf, spawnTs } from '../support/spawn-ts.js';
import { STARTUP_MS, listeningPort as listening } from '../support/bot-process.js';
import { FakeConnector } from '../support/fake-connector.js';
import { KATI, installationUpdate } from '../support/activities.js';

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(Microsoft|NODE_ENV|TUGIBOT_NOW)/.test(key)));
  return { ...clean, LOG_LEVEL: 'info', ...extra };
}

describe('the bot process', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'tugibot-proc-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start in production without credentials', async () => {
    const output = await outputOf(spawnTs('src/main.ts', [], env({ NODE_ENV: 'production', DATA_DIR: dataDir })));
    expect(output).toMatch(/tugibot cannot start\.\nInvalid configuration:\n {2}- MicrosoftAppId: is empty, but NODE_ENV=production/);
  }, STARTUP_MS);

  it('announces local mode, refuses a second process on its data folder and stops cleanly on SIGTERM', async () => {
    const first = spawnTs('src/main.ts', [], env({ PORT: '0', DATA_DIR: dataDir }));
    let log = '';
    first.stdout.on('data', (chunk: Buffer) => { log += chunk.toString(); });
    const port = await listening(first);
    expect(log).toMatch(/LOCAL MODE: MicrosoftAppId is empty/);

    const second = await outputOf(spawnTs('src/main.ts', [], env({ PORT: '0', DATA_DIR: dataDir })));
    expect(second).toMatch(/tugibot failed to start: The data folder .* is in use by another tugibot process/);

    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => first.on('exit', resolve));
    first.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toMatch(/stopped; storage flushed/);
    expect(existsSync(join(dataDir, 'tugibot.lock'))).toBe(false);
  }, 30_000 + 2 * STARTUP_MS); // two start-ups (the second is refused), each with its own bounded wait

  it('finishes a running turn before it exits on SIGTERM', async () => {
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    connector.slowDown(1500);
    const bot = spawnTs('src/main.ts', [], env({ PORT: '0', DATA_DIR: dataDir }));
    const port = await listening(bot);
    const exited = new Promise<number | null>((resolve) => bot.on('exit', resolve));
    const turn = fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(installationUpdate(KATI, { serviceUrl, tenant: '5f0c7a2e-1b3d-4e6f-8a9b-0c1d2e3f4a5b' })),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    bot.kill('SIGTERM');
    expect((await turn).status).toBe(200);
    expect(await exited).toBe(0);
    // The welcome, once; a typing indicator (sent while the slow welcome is on its way) may land too.
    expect(connector.sends().filter((call) => call.body.type !== 'typing').length).toBe(1);
    await connector.stop();
  }, 30_000 + STARTUP_MS);
});
