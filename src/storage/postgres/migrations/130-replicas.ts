import type { PgMigration } from './index.js';

/**
 * What replicas share to work as one bot: the sending schedule that keeps Teams' per-app rate for
 * all of them together (one row per gate: the time its last reserved slot ends).
 */
export const replicas: PgMigration = {
  id: '130-replicas',
  sql: `
CREATE TABLE rate_gates (
  name text PRIMARY KEY,
  -- The end of the last reservation (GCRA's "theoretical arrival time"), on the database's clock.
  next_free timestamptz NOT NULL
);
`,
};
