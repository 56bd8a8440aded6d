import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** One step of the data folder's layout, applied once, in order, on start. */
export interface Migration {
  to: number;
  name: string;
  up(dataDir: string): Promise<void>;
}

export const SCHEMA_VERSION = 1;

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 1,
    name: 'initial layout',
    async up(dataDir) {
      // Version 1 is the first layout. A folder from before versioning held only `conversations.json`;
      // it keeps its name and shape, so the step only makes sure the folder is writable.
      await fs.access(dataDir, fs.constants.W_OK);
      await fs.mkdir(join(dataDir, 'tmp'), { recursive: true });
      await fs.rm(join(dataDir, 'tmp'), { recursive: true, force: true });
    },
  },
];
