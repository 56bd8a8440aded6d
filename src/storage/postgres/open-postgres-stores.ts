import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Logger } from '../../shared/logger.js';
import type { DataDir } from '../data-dir.js';
import type { Stores } from '../open-stores.js';
import { migrate } from './migrate.js';
import { PG_MIGRATIONS } from './migrations/index.js';
import { PgCardDecisionStore } from './pg-card-decision-store.js';
import { PgCaseStore } from './pg-case-store.js';
import { PgConversationStore } from './pg-conversation-store.js';
import { PgCredentialStore, PgSeenSignatures } from './pg-small-stores.js';
import { openPool, type Pool } from './pool.js';
import { pgAccessStores } from './access-stores.js';
import { PgFeedbackStore } from './feedback-store.js';
import { PgProposalStore } from './proposal-store.js';
import { pgIncidentStores } from './incident-stores.js';
import { PgRateSlots } from './pg-rate-slots.js';
import { ReplicaLock } from './replica-lock.js';

/** The secret every replica signs cards with: made once, by whichever replica asks first. */
export async function sharedSecret(pool: Pool, key: string): Promise<string> {
  await pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, randomBytes(32).toString('base64url')]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  return rows[0].value;
}

/**
 * STORE=postgres: a pool on DATABASE_URL, the schema migrated (one replica at a time), and every
 * store in the database, shared by the replicas. The data folder (`_dataDir`) keeps only what is
 * per process: its lock, and files such as drafts and backups.
 */
export async function openPostgresStores(config: Config, _dataDir: DataDir, logger: Logger): Promise<Stores> {
  const pool = await openPool(config.store.databaseUrl, config.store.redactedUrl, logger);
  try {
    const applied = await migrate(pool, PG_MIGRATIONS, logger);
    logger.info({ database: config.store.redactedUrl, applied }, 'using PostgreSQL');
    return {
      incidents: pgIncidentStores(pool),
      feedback: new PgFeedbackStore(pool),
      proposals: new PgProposalStore(pool),
      access: pgAccessStores(pool),
      conversations: new PgConversationStore(pool),
      cardDecisions: new PgCardDecisionStore(pool),
      cases: new PgCaseStore(pool),
      seenSignatures: new PgSeenSignatures(pool),
      credentials: new PgCredentialStore(pool),
      rateSlots: new PgRateSlots(pool),
      locks: new ReplicaLock(pool),
      cardSigningSecret: () => sharedSecret(pool, 'card-signing-secret'),
      close: () => pool.end(),
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
