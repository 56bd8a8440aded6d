import type { Config } from '../config.js';
import type { AccessStores } from '../features/access/index.js';
import type { CaseStore } from '../features/cases/index.js';
import type { CredentialWarningStore } from '../features/credentials/index.js';
import type { IncidentStores, SlotReserver } from '../features/incidents/index.js';
import type { FeedbackStore, ProposalStore } from '../features/knowledge/index.js';
import type { SeenSignatures } from '../http/replay-guard.js';
import type { CardDecisionStore } from '../shared/card-decisions.js';
import type { ConversationStore } from '../shared/conversations.js';
import type { KeyedLock } from '../shared/keyed-lock.js';
import type { Logger } from '../shared/logger.js';
import type { DataDir } from './data-dir.js';
import { openLowdbStores } from './open-lowdb-stores.js';
import { openPostgresStores } from './postgres/open-postgres-stores.js';

/** Every store the app uses, from one place, whichever engine keeps them (STORE). */
export interface Stores {
  conversations: ConversationStore;
  cardDecisions: CardDecisionStore;
  cases: CaseStore;
  seenSignatures: SeenSignatures;
  credentials: CredentialWarningStore;
  incidents: IncidentStores;
  feedback: FeedbackStore;
  proposals: ProposalStore;
  access: AccessStores;
  /** The app's keyed lock: held across replicas for the keys that need it (PostgreSQL); absent (lowdb): one process, its own lock. */
  locks?: KeyedLock;
  /** The sending schedule replicas share; absent (lowdb): each process paces alone. */
  rateSlots?: SlotReserver;
  /** The card-signing secret every replica shares: CARD_SIGNING_SECRET, else kept by the store. */
  cardSigningSecret(): Promise<string>;
  /** Closes what the stores hold beyond the data folder (the database pool). */
  close(): Promise<void>;
}

/**
 * Opens the stores named by STORE. `lowdb` is the data folder alone, exactly as before. `postgres`
 * keeps every store in the database, shared by the replicas (see README, "Running on PostgreSQL").
 */
export async function openStores(config: Config, dataDir: DataDir, logger: Logger): Promise<Stores> {
  return config.store.kind === 'postgres' ? openPostgresStores(config, dataDir, logger) : openLowdbStores(dataDir);
}
