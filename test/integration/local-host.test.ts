import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTs } from '../support/spawn-ts.js';
import { STARTUP_MS, listeningPort } from '../support/bot-process.js';
import { loadConfig } from '../../src/config.js';

const CREDENTIALS = { MicrosoftAppId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '5f0c7a2e-1b3d-4e6f-8a9b-0c1d2e3f4a5b' };

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(Microsoft|NODE_ENV|TUGIBOT_NOW|HOST$)/.test(key)));
  return { ...clean, LOG_LEVEL: 'info', ...extra };
}

/** An address of this machine that is not loopback, when it has one. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces()).flat().find((item) => item && item.family === 'IPv4' && !item.internal)?.address;
}

describe('where the bot listens', () => {
  it('listens on loopback in local mode, on every interface with credentials, and where HOST says', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({}).hostExplicit).toBe(false);
    expect(loadConfig(CREDENTIALS).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' })).toMatchObject({ host: '0.0.0.0', hostExplicit: true });
    expect(loadConfig({ ...CREDENTIALS, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
    expect(() => loadConfig({ HOST: 'http://x/' })).toThrow(/HOST: must be an IP address or host name/);
  });

  it('a local-mode process binds 127.0.0.1 only and says so in its warning', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-host-'));
    const bot = spawnTs('src/main.ts', [], env({ PORT: '0', DATA_DIR: dataDir }));
    let log = '';
    try {
      const port = await listeningPort(bot, (line) => { log += `${line}\n`; });
      expect(log).toMatch(/LOCAL MODE: .*The bot listens on 127\.0\.0\.1 only \(set HOST to listen elsewhere\)/);
      expect(log).toMatch(/"host":"127\.0\.0\.1"/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const outside = outsideAddress();
      if (outside) await expect(fetch(`http://${outside}:${port}/healthz`)).rejects.toThrow();
    } finally {
      const exited = new Promise((resolve) => bot.on('exit', resolve));
      bot.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000 + STARTUP_MS);
});
