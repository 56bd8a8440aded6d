import { LowdbCardDecisionStore } from '../../../src/storage/lowdb-card-decisions.js';
import { LowdbCaseStore } from '../../../src/storage/lowdb-case-store.js';
import { LowdbConversationStore } from '../../../src/storage/lowdb-conversation-store.js';
import { LowdbCredentialStore } from '../../../src/storage/lowdb-credential-store.js';
import { LowdbSeenSignatures } from '../../../src/storage/lowdb-seen-signatures.js';
import { PgCardDecisionStore } from '../../../src/storage/postgres/pg-card-decision-store.js';
import { PgCaseStore } from '../../../src/storage/postgres/pg-case-store.js';
import { PgConversationStore } from '../../../src/storage/postgres/pg-conversation-store.js';
import { PgCredentialStore, PgSeenSignatures } from '../../../src/storage/postgres/pg-small-stores.js';
import { cardDecisionStoreContract } from '../../contract/card-decision-store.contract.js';
import { caseStoreContract } from '../../contract/case-store.contract.js';
import { conversationStoreContract } from '../../contract/conversation-store.contract.js';
import { credentialStoreContract, seenSignaturesContract } from '../../contract/small-stores.contract.js';
import { closeStores, lowdbFactory, postgresFactory } from '../../contract/store-factories.js';
import { describeWithPostgres } from '../../support/postgres.js';

// One contract, every engine: lowdb and PostgreSQL must behave the same (issue 13, item 1).
afterEach(closeStores);

describe('lowdb stores', () => {
  cardDecisionStoreContract(lowdbFactory((dataDir) => LowdbCardDecisionStore.open(dataDir)));
  caseStoreContract(lowdbFactory((dataDir) => LowdbCaseStore.open(dataDir)));
  conversationStoreContract(lowdbFactory((dataDir) => LowdbConversationStore.open(dataDir)));
  seenSignaturesContract(lowdbFactory((dataDir) => LowdbSeenSignatures.open(dataDir)));
  credentialStoreContract(lowdbFactory((dataDir) => LowdbCredentialStore.open(dataDir)));
});

describeWithPostgres('PostgreSQL stores', (server) => {
  cardDecisionStoreContract(postgresFactory(server, (pool) => new PgCardDecisionStore(pool)));
  caseStoreContract(postgresFactory(server, (pool) => new PgCaseStore(pool)));
  conversationStoreContract(postgresFactory(server, (pool) => new PgConversationStore(pool)));
  seenSignaturesContract(postgresFactory(server, (pool) => new PgSeenSignatures(pool)));
  credentialStoreContract(postgresFactory(server, (pool) => new PgCredentialStore(pool)));
});
