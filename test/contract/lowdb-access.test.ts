import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/shared/logger.js';
import { DataDir } from '../../src/storage/data-dir.js';
import { openAccessStores } from '../../src/storage/lowdb-access-stores.js';
import type { AccessStores } from '../../src/features/access/stores.js';
import { accessStoresContract } from './access-stores.contract.js';
import type { StoreRig } from './store-rig.js';

accessStoresContract('lowdb', async () => {
  const path = await mkdtemp(join(tmpdir(), 'contract-access-'));
  let dataDir = await DataDir.open(path, silentLogger());
  const rig: StoreRig<AccessStores> = {
    store: await openAccessStores(dataDir),
    async reopen() {
      await dataDir.close();
      dataDir = await DataDir.open(path, silentLogger());
      rig.store = await openAccessStores(dataDir);
      return rig.store;
    },
    async close() {
      await dataDir.close();
      await rm(path, { recursive: true, force: true });
    },
  };
  return rig;
});
