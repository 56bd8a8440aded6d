import type { PgMigration } from './index.js';

/**
 * The incidents feature: incidents and their audiences, the delivery outbox and the delivery
 * records of archived incidents, idempotency receipts, subscriptions, acknowledgements and
 * proactive installs. Each record is kept whole as jsonb, with the columns that the lookups, the
 * counts and the unique rules need.
 */
export const incidents: PgMigration = {
  id: '120-incidents',
  sql: `
-- archived: the order incidents left the live set (NULL while live). An archived incident never changes.
CREATE SEQUENCE incident_archive_seq;
CREATE TABLE incidents (
  id text PRIMARY KEY,
  ref text NOT NULL,
  status text NOT NULL,
  created_at text NOT NULL,
  archived bigint,
  data jsonb NOT NULL
);
-- One open incident per monitoring ref: when two replicas take the same new alert at the same
-- moment, the second save is refused instead of opening a second incident. A resolved incident
-- never reopens (an alert after the resolution opens a new incident with the same ref), so the
-- rule holds for open ones only.
CREATE UNIQUE INDEX incidents_open_ref ON incidents (ref) WHERE status <> 'resolved';
CREATE INDEX incidents_live ON incidents (created_at, id) WHERE archived IS NULL;
CREATE INDEX incidents_live_ref ON incidents (ref, created_at) WHERE archived IS NULL;
CREATE INDEX incidents_archived_ref ON incidents (ref, archived) WHERE archived IS NOT NULL;

-- The audience of a live incident (dropped as it is archived). Saved before its incident, so no
-- foreign key. targets: up to tens of thousands, one jsonb array written in one statement;
-- revision lets a replica keep its parsed copy until another write changes it.
CREATE TABLE incident_broadcasts (
  id text PRIMARY KEY,
  revision integer NOT NULL,
  targets jsonb NOT NULL,
  data jsonb NOT NULL
);

-- The outbox: one entry per incident and conversation key. revision: +1 on every write, for the
-- compare-and-set claim. The columns are what progress counts; the entry is in data.
CREATE TABLE deliveries (
  id text PRIMARY KEY,
  incident_id text NOT NULL,
  key text NOT NULL,
  revision integer NOT NULL,
  state text NOT NULL,
  delivered_version integer NOT NULL,
  failed_version integer,
  failure text,
  data jsonb NOT NULL,
  UNIQUE (incident_id, key)
);

-- An archived incident's outbox folded into one record, written once.
CREATE TABLE delivery_records (
  id text PRIMARY KEY,
  data jsonb NOT NULL
);

-- The answer given to an Idempotency-Key: written once, never changed.
CREATE TABLE incident_receipts (
  id text PRIMARY KEY,
  data jsonb NOT NULL
);

CREATE TABLE incident_subscriptions (
  aad_object_id text PRIMARY KEY,
  followed jsonb NOT NULL
);

-- "Sain aru": one per incident and person, whichever replica takes the press.
CREATE TABLE incident_acks (
  incident_id text NOT NULL,
  aad_object_id text NOT NULL,
  at text NOT NULL,
  PRIMARY KEY (incident_id, aad_object_id)
);

-- Proactive installs: one record per person.
CREATE TABLE app_installs (
  id text PRIMARY KEY,
  state text NOT NULL,
  data jsonb NOT NULL
);
`,
};
