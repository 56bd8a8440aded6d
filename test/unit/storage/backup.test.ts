import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DataDir } from '../../../src/storage/data-dir.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { listDataFiles, takeSnapshot } from '../../../src/storage/snapshot.js';
import { readBackupFile, restoreBackupFile, writeBackupFile } from '../../../src/storage/backup-file.js';
import { freezeDataDir } from '../../../src/storage/backup-requests.js';
import { withWritesPaused } from '../../../src/storage/write-gate.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

interface Item { id: string; n: number }

describe('backup and restore of a data folder', () => {
  const temp = useTempDataDir('tugibot-backup-');

  async function filledDataDir(dir: string): Promise<void> {
    const dataDir = await DataDir.open(dir, silentLogger());
    await dataDir.cardSigningSecret();
    const items = await dataDir.collection<Item>('items', { shards: 4, segmentSize: 3 });
    for (let n = 0; n < 10; n += 1) await items.put({ id: `i${n}`, n });
    for (let n = 0; n < 7; n += 1) await items.archive({ id: `i${n}`, n });
    await (await dataDir.doc('settings', { on: true })).update((data) => { data.on = false; });
    await dataDir.close();
  }

  it('round-trips every data file, without the lock, owner-only, and the restored folder opens with its records', async () => {
    const source = join(temp.path, 'data');
    await filledDataDir(source);
    const snapshot = await freezeDataDir(source);
    const manifest = await writeBackupFile(snapshot.dir, join(temp.path, 'b.tugibot'));
    await snapshot.done();
    expect(manifest.files.map((file) => file.path)).toEqual(listDataFiles(source));
    expect(manifest.files.some((file) => file.path.startsWith('lock/'))).toBe(false);
    expect(manifest.files.map((file) => file.path)).toEqual(expect.arrayContaining(['meta.json', 'items/archive.index.jsonl', 'settings.json']));
    expect(readdirSync(join(source, '.backup'))).toEqual([]);

    const target = join(temp.path, 'restored');
    await restoreBackupFile(join(temp.path, 'b.tugibot'), target);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    expect(statSync(join(target, 'items')).mode & 0o777).toBe(0o700);
    for (const file of manifest.files) {
      expect(readFileSync(join(target, file.path))).toEqual(readFileSync(join(source, file.path)));
      expect(statSync(join(target, file.path)).mode & 0o777).toBe(0o600);
    }
    const reopened = await DataDir.open(target, silentLogger());
    const items = await reopened.collection<Item>('items', { shards: 4, segmentSize: 3 });
    expect(items.liveRecords().map((item) => item.id).sort()).toEqual(['i7', 'i8', 'i9']);
    expect(items.archivedCount).toBe(7);
    expect(await items.get('i0')).toEqual({ id: 'i0', n: 0 });
    await reopened.close();
  });

  it('keeps the version a snapshot froze, whatever is written after it', async () => {
    const dir = join(temp.path, 'data');
    const dataDir = await DataDir.open(dir, silentLogger());
    const doc = await dataDir.doc('settings', { n: 1 });
    await doc.update((data) => { data.n = 2; });
    await takeSnapshot(dir, join(dir, '.backup', 'one'));
    await doc.update((data) => { data.n = 3; });
    expect(JSON.parse(readFileSync(join(dir, '.backup', 'one', 'settings.json'), 'utf8'))).toEqual({ n: 2 });
    await dataDir.close();
  });

  it('holds writes back while paused and lets them through after', async () => {
    const dir = join(temp.path, 'data');
    const dataDir = await DataDir.open(dir, silentLogger());
    const doc = await dataDir.doc('settings', { n: 1 });
    await doc.update((data) => { data.n = 2; });
    let written = false;
    await withWritesPaused(async () => {
      void doc.update((data) => { data.n = 3; }).then(() => { written = true; });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(written).toBe(false);
      expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ n: 2 });
    });
    await doc.flush();
    expect(written).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ n: 3 });
    await dataDir.close();
  });

  it('refuses to restore into a folder that is not empty, and writes nothing there', async () => {
    const source = join(temp.path, 'data');
    await filledDataDir(source);
    const snapshot = await freezeDataDir(source);
    await writeBackupFile(snapshot.dir, join(temp.path, 'b.tugibot'));
    await snapshot.done();
    const busy = join(temp.path, 'busy');
    await restoreBackupFile(join(temp.path, 'b.tugibot'), busy);
    writeFileSync(join(busy, 'settings.json'), '{"mine":true}');
    await expect(restoreBackupFile(join(temp.path, 'b.tugibot'), busy)).rejects.toThrow(/Refusing to restore into .*busy: the folder is not empty/);
    expect(readFileSync(join(busy, 'settings.json'), 'utf8')).toBe('{"mine":true}');
  });

  it('refuses a damaged backup, naming the problem, before writing anything', async () => {
    const source = join(temp.path, 'data');
    await filledDataDir(source);
    const snapshot = await freezeDataDir(source);
    await writeBackupFile(snapshot.dir, join(temp.path, 'b.tugibot'));
    await snapshot.done();
    const raw = gunzipSync(readFileSync(join(temp.path, 'b.tugibot')));
    const { manifest } = await readBackupFile(join(temp.path, 'b.tugibot'));
    const secondStart = manifest.files[0].size;
    raw[secondStart + 2] ^= 0x01; // one bit in the second file
    writeFileSync(join(temp.path, 'bitflip.tugibot'), gzipSync(raw));
    await expect(restoreBackupFile(join(temp.path, 'bitflip.tugibot'), join(temp.path, 'r1'))).rejects.toThrow(`${manifest.files[1].path} does not match its checksum`);
    expect(() => statSync(join(temp.path, 'r1'))).toThrow();

    const packed = readFileSync(join(temp.path, 'b.tugibot'));
    writeFileSync(join(temp.path, 'cut.tugibot'), packed.subarray(0, packed.length - 20));
    await expect(restoreBackupFile(join(temp.path, 'cut.tugibot'), join(temp.path, 'r2'))).rejects.toThrow(/not a readable tugibot backup \(damaged or not one\): unexpected end of file/);
    writeFileSync(join(temp.path, 'plain.tugibot'), 'hello');
    await expect(restoreBackupFile(join(temp.path, 'plain.tugibot'), join(temp.path, 'r3'))).rejects.toThrow(/not a readable tugibot backup/);
    writeFileSync(join(temp.path, 'nomarker.tugibot'), gzipSync(raw.subarray(0, raw.length - 5)));
    await expect(restoreBackupFile(join(temp.path, 'nomarker.tugibot'), join(temp.path, 'r4'))).rejects.toThrow(/end marker is missing/);
  });
});
