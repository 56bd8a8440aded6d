import { chmodSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDir } from '../../../src/storage/data-dir.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { outputOf, spawnTs } from '../../support/spawn-ts.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';


describe('DataDir', () => {
  const temp = useTempDataDir('tugibot-data-');

  it('refuses a second owner of the same folder with a clear message', async () => {
    const first = await DataDir.open(temp.path, silentLogger());
    const output = await outputOf(spawnTs('test/support/lock-probe.ts', [temp.path]));
    expect(output).toMatch(/DataDirLockedError: The data folder .* is in use by another tugibot process \(pid \d+/);
    await first.close();
  });

  it('creates the folder and the file with the card-signing secret owner-only', async () => {
    const fresh = join(temp.path, 'new', 'data');
    const dataDir = await DataDir.open(fresh, silentLogger());
    const secret = await dataDir.cardSigningSecret();
    await dataDir.close();
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(statSync(join(fresh, 'meta.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(fresh, 'meta.json'), 'utf8'))).toMatchObject({ cardSigningSecret: secret });
  });

  it('makes a folder and secret that an earlier version left readable by others owner-only on start', async () => {
    writeFileSync(join(temp.path, 'meta.json'), JSON.stringify({ schemaVersion: 1, createdAt: 'earlier', cardSigningSecret: 'old-secret' }));
    chmodSync(join(temp.path, 'meta.json'), 0o644);
    chmodSync(temp.path, 0o755);
    const dataDir = await DataDir.open(temp.path, silentLogger());
    expect(statSync(temp.path).mode & 0o777).toBe(0o700);
    expect(statSync(join(temp.path, 'meta.json')).mode & 0o777).toBe(0o600);
    expect(await dataDir.cardSigningSecret()).toBe('old-secret');
    await dataDir.close();
    expect(statSync(join(temp.path, 'meta.json')).mode & 0o777).toBe(0o600);
  });

  it('migrates an unversioned folder on start and refuses a newer one', async () => {
    const applied: string[] = [];
    const migrations = [
      { to: 1, name: 'one', up: async () => { applied.push('one'); } },
      { to: 2, name: 'two', up: async (path: string) => { applied.push('two'); writeFileSync(join(path, 'marker'), 'v2'); } },
    ];
    const dataDir = await DataDir.open(temp.path, silentLogger(), migrations, 2);
    expect(dataDir.schemaVersion).toBe(2);
    await dataDir.close();
    expect(applied).toEqual(['one', 'two']);
    expect(readFileSync(join(temp.path, 'marker'), 'utf8')).toBe('v2');

    const again = await DataDir.open(temp.path, silentLogger(), migrations, 2);
    await again.close();
    expect(applied).toEqual(['one', 'two']);
    await expect(DataDir.open(temp.path, silentLogger(), migrations, 1)).rejects.toThrow(/schema version 2, newer than this tugibot \(1\)/);
  });

  it('names a corrupt file instead of starting on empty data', async () => {
    writeFileSync(join(temp.path, 'meta.json'), '{"schemaVersion": 1,');
    await expect(DataDir.open(temp.path, silentLogger())).rejects.toThrow(/meta\.json.*not valid JSON/);
  });

  it('keeps every acknowledged write when the process is killed mid-loop', async () => {
    const child = spawnTs('test/support/crash-writer.ts', [temp.path]);
    let acked = -1;
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const match = /^ack (\d+)$/.exec(line);
          if (match) acked = Number(match[1]);
        }
        if (acked >= 150 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));

    const dataDir = await DataDir.open(temp.path, silentLogger());
    const audit = await dataDir.collection<{ id: string; n: number }>('audit', { segmentSize: 50 });
    const cases = await dataDir.collection<{ id: string; n: number; text: string }>('cases', { shards: 4, segmentSize: 50 });
    for (let n = 0; n <= acked; n += 1) {
      expect(await audit.get(`e-${n}`)).toMatchObject({ n });
      const found = await cases.get(`e-${n}`);
      expect(found).toMatchObject({ n, text: n % 3 === 0 ? 'closed' : 'open' });
    }
    await dataDir.close();
  }, 60_000);
});
