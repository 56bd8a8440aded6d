import type { DataDir } from './data-dir.js';
import { openAccessStores } from './lowdb-access-stores.js';
import { LowdbAckStore } from './lowdb-ack-store.js';
import { LowdbCardDecisionStore } from './lowdb-card-decisions.js';
import { LowdbCaseStore } from './lowdb-case-store.js';
import { LowdbConversationStore } from './lowdb-conversation-store.js';
import { LowdbCredentialStore } from './lowdb-credential-store.js';
import { LowdbFeedbackStore } from './lowdb-feedback-store.js';
import { LowdbReceiptStore, LowdbSubscriptionStore } from './lowdb-incident-intake-store.js';
import { LowdbIncidentStore } from './lowdb-incident-store.js';
import { LowdbInstallStore } from './lowdb-install-store.js';
import { LowdbOutboxStore } from './lowdb-outbox-store.js';
import { LowdbProposalStore } from './lowdb-proposal-store.js';
import { LowdbSeenSignatures } from './lowdb-seen-signatures.js';
import type { Stores } from './open-stores.js';

/** The incidents feature's stores in the data folder. */
export async function openLowdbIncidentStores(dataDir: DataDir): Promise<Stores['incidents']> {
  return {
    incidents: await LowdbIncidentStore.open(dataDir),
    deliveries: await LowdbOutboxStore.open(dataDir),
    receipts: await LowdbReceiptStore.open(dataDir),
    subscriptions: await LowdbSubscriptionStore.open(dataDir),
    acks: await LowdbAckStore.open(dataDir),
    installs: await LowdbInstallStore.open(dataDir),
  };
}

/** Every store in the data folder (STORE=lowdb, the default): one process owns them. */
export async function openLowdbStores(dataDir: DataDir): Promise<Stores> {
  return {
    conversations: await LowdbConversationStore.open(dataDir),
    cardDecisions: await LowdbCardDecisionStore.open(dataDir),
    cases: await LowdbCaseStore.open(dataDir),
    seenSignatures: await LowdbSeenSignatures.open(dataDir),
    credentials: await LowdbCredentialStore.open(dataDir),
    incidents: await openLowdbIncidentStores(dataDir),
    feedback: await LowdbFeedbackStore.open(dataDir),
    proposals: await LowdbProposalStore.open(dataDir),
    access: await openAccessStores(dataDir),
    cardSigningSecret: () => dataDir.cardSigningSecret(),
    close: async () => undefined,
  };
}
