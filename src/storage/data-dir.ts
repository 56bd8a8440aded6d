import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../shared/logger.js';
import { Collection, type CollectionOptions } from './collection.js';
import { JsonDoc } from './json-doc.js';
import { DataDirLock, type LockOptions } from './lock.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';

interface Meta {
  schemaVersion: number;
  createdAt: string;
  migratedAt?: string;
  cardSigningSecret?: string;
}

/** The folder holds personal data and the card-signing secret: only its owner may enter it. */
const FOLDER_MODE = 0o700;
const SECRET_FILE_MODE = 0o600;

/** Creates the folder owner-only, and tightens one that an earlier version left readable by others. */
async function ownerOnly(dir: string, logger: Logger): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: FOLDER_MODE });
  for (const [path, mode] of [[dir, FOLDER_MODE], [join(dir, 'meta.json'), SECRET_FILE_MODE]] as const) {
    const stat = await fs.stat(path).catch(() => undefined);
    if (!stat || (stat.mode & 0o777 & ~mode) === 0) continue;
    try {
      await fs.chmod(path, mode);
      logger.warn({ path, was: (stat.mode & 0o777).toString(8), now: mode.toString(8) }, 'made a data-folder path owner-only: it was readable by others');
    } catch (error) {
      logger.warn({ path, err: error }, 'the data folder is readable by others and cannot be changed by this user: restrict it (chmod 700) yourself');
    }
  }
}

/** Another process owns the folder now: writing on would corrupt its data, so stop at once, unflushed. */
function exitOnLostLock(dir: string, reason: string, logger: Logger): void {
  logger.fatal({ dataDir: dir, reason }, 'lost the data-folder lock: stopping without writing');
  process.exit(1);
}

/**
 * The data folder: one process owns it (a lock), its layout has a schema version and is migrated
 * on start, and it hands out the lowdb documents and collections the stores are built on.
 */
export class DataDir {
  private readonly docs: Array<{ flush(): Promise<void> }> = [];
  private closed = false;

  private constructor(readonly path: string, private readonly lock: DataDirLock, private readonly meta: JsonDoc<Meta>) {}

  static async open(
    path: string, logger: Logger, migrations: readonly Migration[] = MIGRATIONS, target = SCHEMA_VERSION, lockOptions: LockOptions = {},
  ): Promise<DataDir> {
    const dir = resolve(path);
    await ownerOnly(dir, logger);
    const lock = await DataDirLock.acquire(dir, { onLost: (reason) => exitOnLostLock(dir, reason, logger), ...lockOptions });
    try {
      const meta = await JsonDoc.open<Meta>(join(dir, 'meta.json'), { schemaVersion: 0, createdAt: new Date().toISOString() }, SECRET_FILE_MODE);
      const dataDir = new DataDir(dir, lock, meta);
      await dataDir.migrate(migrations, target, logger);
      return dataDir;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  get schemaVersion(): number {
    return this.meta.data.schemaVersion;
  }

  private async migrate(migrations: readonly Migration[], target: number, logger: Logger): Promise<void> {
    const from = this.meta.data.schemaVersion;
    if (from > target) {
      throw new Error(`The data folder ${this.path} has schema version ${from}, newer than this tugibot (${target}). Run the newer version, or restore a backup.`);
    }
    for (const migration of migrations) {
      if (migration.to <= this.meta.data.schemaVersion || migration.to > target) continue;
      logger.info({ from: this.meta.data.schemaVersion, to: migration.to, migration: migration.name }, 'migrating the data folder');
      await migration.up(this.path);
      await this.meta.update((data) => {
        data.schemaVersion = migration.to;
        data.migratedAt = new Date().toISOString();
      });
    }
    if (this.meta.data.schemaVersion !== target) {
      await this.meta.update((data) => { data.schemaVersion = target; });
    }
  }

  /** The secret that signs card buttons; made once and kept with the data it protects. */
  async cardSigningSecret(): Promise<string> {
    if (!this.meta.data.cardSigningSecret) {
      await this.meta.update((data) => { data.cardSigningSecret = randomBytes(32).toString('base64url'); });
    }
    return this.meta.data.cardSigningSecret as string;
  }

  /** The stored card-signing secret, without making one (the export carries it when there is one). */
  get storedCardSigningSecret(): string | undefined {
    return this.meta.data.cardSigningSecret;
  }

  /** Replaces the card-signing secret (an import: cards sealed before the move keep working). */
  async setCardSigningSecret(secret: string): Promise<void> {
    await this.meta.update((data) => { data.cardSigningSecret = secret; });
  }

  async doc<T>(name: string, defaults: T): Promise<JsonDoc<T>> {
    const doc = await JsonDoc.open<T>(join(this.path, `${name}.json`), defaults);
    this.docs.push(doc);
    return doc;
  }

  async collection<T extends { id: string }>(name: string, options?: CollectionOptions): Promise<Collection<T>> {
    const collection = await Collection.open<T>(join(this.path, name), options);
    this.docs.push(collection);
    return collection;
  }

  /** Includes a store's own files in `flush` and `close`. */
  track(store: { flush(): Promise<void> }): void {
    this.docs.push(store);
  }

  /** Waits for every pending write. */
  async flush(): Promise<void> {
    await Promise.all(this.docs.map((doc) => doc.flush()));
    await this.meta.flush();
  }

  /** Flushes and gives up the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.lock.release();
  }
}
