import { pgAccessStores } from '../../src/storage/postgres/access-stores.js';
import { PgFeedbackStore } from '../../src/storage/postgres/feedback-store.js';
import { PgProposalStore } from '../../src/storage/postgres/proposal-store.js';
import { describeWithPostgres } from '../support/postgres.js';
import { accessStoresContract } from './access-stores.contract.js';
import { feedbackStoreContract } from './feedback-store.contract.js';
import { postgresRig } from './postgres-rig.js';
import { proposalStoreContract } from './proposal-store.contract.js';

// The same contracts as lowdb's (lowdb-*.test.ts), on a real server; `second` is another pool, as a second replica.
describeWithPostgres('PostgreSQL access and knowledge stores', (server) => {
  accessStoresContract('PostgreSQL', () => postgresRig(server(), (pool) => pgAccessStores(pool)));
  feedbackStoreContract('PostgreSQL', (limits = {}) => postgresRig(server(), (pool) => new PgFeedbackStore(pool, limits.maxUnanswered)));
  proposalStoreContract('PostgreSQL', (limits = {}) => postgresRig(server(), (pool) => new PgProposalStore(pool, limits)));
});
