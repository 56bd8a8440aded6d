import type { IncidentStores } from '../../features/incidents/index.js';
import type { Pool } from './pool.js';
import { PgAckStore, PgInstallStore, PgReceiptStore, PgSubscriptionStore } from './pg-intake-stores.js';
import { PgIncidentStore } from './pg-incident-store.js';
import { PgOutboxStore } from './pg-outbox-store.js';

/** The incidents feature's stores on one pool: what every replica shares (see migration 120-incidents). */
export function pgIncidentStores(pool: Pool): Required<IncidentStores> {
  return {
    incidents: new PgIncidentStore(pool),
    deliveries: new PgOutboxStore(pool),
    receipts: new PgReceiptStore(pool),
    subscriptions: new PgSubscriptionStore(pool),
    acks: new PgAckStore(pool),
    installs: new PgInstallStore(pool),
  };
}
