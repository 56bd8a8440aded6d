import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/shared/logger.js';
import { DataDir } from '../../src/storage/data-dir.js';

/** A temporary folder for one test at a time (`useTempDataDir`). */
export interface TempDataDir {
  /** The current test's folder: a new, empty one for each test. */
  readonly path: string;
  /**
   * Opens the folder, or the folder `name` inside it, as a DataDir (silent logger). Open it again
   * after a close for a restart. Whatever is still open when the test ends is closed then.
   */
  open(name?: string): Promise<DataDir>;
}

/**
 * Gives each test of the enclosing describe block (or file) a new temporary folder: made before
 * each test, and after it every DataDir opened through `open` closed and the folder removed. Call
 * it before the hooks that use it: hooks run in the order they are declared.
 */
export function useTempDataDir(prefix: string): TempDataDir {
  let current: string | undefined;
  let opened: DataDir[] = [];
  beforeEach(() => { current = mkdtempSync(join(tmpdir(), prefix)); });
  afterEach(async () => {
    const folder = current;
    const closing = opened;
    current = undefined;
    opened = [];
    try {
      for (const dataDir of closing) await dataDir.close();
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
    }
  });
  const pathNow = (): string => {
    if (!current) throw new Error(`useTempDataDir('${prefix}'): the folder exists only while a test runs (its beforeEach, the test, its afterEach)`);
    return current;
  };
  return {
    get path() { return pathNow(); },
    async open(name?: string) {
      const dataDir = await DataDir.open(name === undefined ? pathNow() : join(pathNow(), name), silentLogger());
      opened.push(dataDir);
      return dataDir;
    },
  };
}
