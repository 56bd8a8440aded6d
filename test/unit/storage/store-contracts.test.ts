import { LowdbCardDecisionStore } from '../../../src/storage/lowdb-card-decisions.js';
import { PgCardDecisionStore } from '../../../src/storage/postgres/pg-card-decision-store.js';
import { cardDecisionStoreContract } from '../../contract/card-decision-store.contract.js';
import { closeStores, lowdbFactory, postgresFactory } from '../../contract/store-factories.js';
import { describeWithPostgres } from '../../support/postgres.js';

// One contract, every engine: lowdb and PostgreSQL must behave the same (issue 13, item 1).
afterEach(closeStores);

describe('lowdb stores', () => {
  cardDecisionStoreContract(lowdbFactory((dataDir) => LowdbCardDecisionStore.open(dataDir)));
});

describeWithPostgres('PostgreSQL stores', (server) => {
  cardDecisionStoreContract(postgresFactory(server, (pool) => new PgCardDecisionStore(pool)));
});
