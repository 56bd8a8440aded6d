import type { AppInstall, InstallStore } from '../features/incidents/index.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';

/**
 * Proactive installs in the `app-installs` collection, one record per person, spread over shards
 * so that thousands of installs rewrite small files. Kept in memory for the report's counts.
 */
export class LowdbInstallStore implements InstallStore {
  private readonly byId = new Map<string, AppInstall>();

  private constructor(private readonly collection: Collection<AppInstall>) {
    for (const install of collection.liveRecords()) this.byId.set(install.id, install);
  }

  static async open(dataDir: DataDir): Promise<LowdbInstallStore> {
    return new LowdbInstallStore(await dataDir.collection<AppInstall>('app-installs', { shards: 64, segmentSize: 5000 }));
  }

  get(id: string): Promise<AppInstall | undefined> {
    return Promise.resolve(this.byId.get(id));
  }

  async put(install: AppInstall): Promise<void> {
    const copy = { ...install, incidents: [...install.incidents] };
    this.byId.set(copy.id, copy);
    await this.collection.put(copy);
  }

  /** One process: the check and the in-memory write happen before any await, so they cannot interleave. */
  async claim(install: AppInstall, expectedUpdatedAt: string): Promise<boolean> {
    if (this.byId.get(install.id)?.updatedAt !== expectedUpdatedAt) return false;
    await this.put(install);
    return true;
  }

  all(): Promise<readonly AppInstall[]> {
    return Promise.resolve([...this.byId.values()]);
  }
}
