import type { PgMigration } from './index.js';

/**
 * The access feature: requests, tasks, grants and substitutions as JSON records with the columns
 * the queries and the compare-and-set need; the yearly id counters; the append-only audit trail;
 * the scan's state and leases.
 */
export const access: PgMigration = {
  id: '100-access',
  sql: `
-- One row per series and year (LIG 2026): the last number given, taken with UPDATE ... RETURNING.
CREATE TABLE access_counters (
  series text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (series, year)
);

-- finished: archived. Every write says WHERE NOT finished, so a decided record never changes again.
CREATE TABLE access_requests (
  id text PRIMARY KEY,
  state text NOT NULL,
  finished boolean NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX access_requests_pending ON access_requests (id) WHERE NOT finished AND state = 'pending';

CREATE TABLE access_tasks (
  id text PRIMARY KEY,
  finished boolean NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX access_tasks_open ON access_tasks (id) WHERE NOT finished;

CREATE TABLE access_grants (
  id text PRIMARY KEY,
  subject_key text NOT NULL,
  finished boolean NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX access_grants_subject ON access_grants (subject_key) WHERE NOT finished;

CREATE TABLE access_substitutions (
  id text PRIMARY KEY,
  state text NOT NULL,
  finished boolean NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX access_substitutions_current ON access_substitutions (id) WHERE NOT finished;

-- seq keeps the order entries were written in; nothing updates or deletes an entry.
CREATE TABLE access_audit (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  record jsonb NOT NULL
);
CREATE FUNCTION access_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the access audit trail is append-only';
END
$$;
CREATE TRIGGER access_audit_no_change BEFORE UPDATE OR DELETE ON access_audit
  FOR EACH ROW EXECUTE FUNCTION access_audit_append_only();

CREATE TABLE access_scan_state (
  id integer PRIMARY KEY CHECK (id = 1),
  last_scan_on text,
  last_digest_on text
);

-- Periodic work runs on the replica holding the lease; another takes it once 'until' has passed.
CREATE TABLE access_leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  until timestamptz NOT NULL
);
`,
};
