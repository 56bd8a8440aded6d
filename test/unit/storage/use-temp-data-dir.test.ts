import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../../src/shared/logger.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

/** The helper the storage tests stand on: one new, empty folder per test, removed after it. */
describe('useTempDataDir', () => {
  const temp = useTempDataDir('tugibot-temp-');
  const seen: string[] = [];
  const outsideTests = (() => {
    try {
      return temp.path;
    } catch (error) {
      return (error as Error).message;
    }
  })();

  it('has no folder outside a test, and says so', () => {
    expect(outsideTests).toMatch(/exists only while a test runs/);
  });

  it('gives a test an empty folder and opens it, or a folder inside it, as a DataDir', async () => {
    seen.push(temp.path);
    expect(readdirSync(temp.path)).toEqual([]);
    expect((await temp.open()).path).toBe(temp.path);
    expect((await temp.open('inner')).path).toBe(join(temp.path, 'inner'));
    writeFileSync(join(temp.path, 'left-behind'), 'x');
  });

  it('gives the next test a new, empty folder and removes the last one, with what was left open in it', async () => {
    seen.push(temp.path);
    expect(seen[1]).not.toBe(seen[0]);
    expect(existsSync(seen[0])).toBe(false);
    expect(readdirSync(temp.path)).toEqual([]);
    const first = await temp.open();
    await expect(DataDir.open(temp.path, silentLogger())).rejects.toThrow(/in use/);
    await first.close();
    await (await DataDir.open(temp.path, silentLogger())).close();
  });
});
