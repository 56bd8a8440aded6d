import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/shared/logger.js';
import { DataDir } from '../../src/storage/data-dir.js';
import { LowdbFeedbackStore } from '../../src/storage/lowdb-feedback-store.js';
import { LowdbProposalStore } from '../../src/storage/lowdb-proposal-store.js';
import { feedbackStoreContract, type FeedbackLimits } from './feedback-store.contract.js';
import { proposalStoreContract, type ProposalLimits } from './proposal-store.contract.js';
import type { StoreRig } from './store-rig.js';

/** A lowdb store in a temp data folder; `reopen` closes the folder and opens it again, as a restart does. */
async function lowdbRig<S, O>(openStore: (dataDir: DataDir, options: Partial<O>) => Promise<S>, options: Partial<O>): Promise<StoreRig<S>> {
  const path = await mkdtemp(join(tmpdir(), 'contract-'));
  let dataDir = await DataDir.open(path, silentLogger());
  const rig: StoreRig<S> = {
    store: await openStore(dataDir, options),
    async reopen() {
      await dataDir.close();
      dataDir = await DataDir.open(path, silentLogger());
      rig.store = await openStore(dataDir, options);
      return rig.store;
    },
    async close() {
      await dataDir.close();
      await rm(path, { recursive: true, force: true });
    },
  };
  return rig;
}

feedbackStoreContract('lowdb', (options = {}) => lowdbRig<LowdbFeedbackStore, FeedbackLimits>((dataDir, limits) => LowdbFeedbackStore.open(dataDir, limits), options));
proposalStoreContract('lowdb', (options = {}) => lowdbRig<LowdbProposalStore, ProposalLimits>((dataDir, limits) => LowdbProposalStore.open(dataDir, limits), options));
