import type { PgMigration } from './index.js';

/**
 * What replicas share to work as one bot: the sending schedule that keeps Teams' per-app rate for
 * all of them together (one row per gate: the time its last reserved slot ends), and signed
 * incident calls under way (a running row claims the signature, so one replica takes a call).
 */
export const replicas: PgMigration = {
  id: '130-replicas',
  sql: `
CREATE TABLE rate_gates (
  name text PRIMARY KEY,
  -- The end of the last reservation (GCRA's "theoretical arrival time"), on the database's clock.
  next_free timestamptz NOT NULL
);

-- A signature claimed by a call under way on some replica; false once the call was accepted.
ALTER TABLE seen_signatures ADD COLUMN running boolean NOT NULL DEFAULT false;
`,
};
