import { openLowdbIncidentStores } from '../../../src/storage/open-lowdb-stores.js';
import { pgIncidentStores } from '../../../src/storage/postgres/incident-stores.js';
import { deliveryClaimContract } from '../../contract/delivery-claim.contract.js';
import { deliveryStoreContract } from '../../contract/delivery-store.contract.js';
import type { IncidentStoresUnderTest } from '../../contract/incident-records.js';
import { incidentStoreContract } from '../../contract/incident-store.contract.js';
import { intakeStoresContract } from '../../contract/intake-stores.contract.js';
import { closeStores, lowdbFactory, postgresFactory, type StoreFactory } from '../../contract/store-factories.js';
import { describeWithPostgres, type PgServer } from '../../support/postgres.js';

// The incidents feature's stores, one contract on every engine (issue 13): lowdb and PostgreSQL behave the same.
afterEach(closeStores);

function contracts(factory: () => StoreFactory<IncidentStoresUnderTest>): void {
  incidentStoreContract(factory);
  deliveryStoreContract(factory);
  intakeStoresContract(factory);
}

describe('lowdb incident stores', () => {
  contracts(lowdbFactory((dataDir) => openLowdbIncidentStores(dataDir)));
});

describeWithPostgres('PostgreSQL incident stores', (server: () => PgServer) => {
  contracts(postgresFactory(server, (pool) => pgIncidentStores(pool)));
  // The claim's own contract (run on lowdb by delivery-claim.test.ts).
  deliveryClaimContract(postgresFactory(server, (pool) => pgIncidentStores(pool).deliveries));
});
