import type { PgMigration } from './index.js';

/** Cases, conversations, card decisions, accepted webhook signatures, credential warnings, settings. */
export const core: PgMigration = {
  id: '001-core',
  sql: `
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- One row per year: the last case number given. Taken with UPDATE ... RETURNING in the transaction
-- that stores the case, so numbers are sequential without gaps whichever replica opens the case.
CREATE TABLE case_counters (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE cases (
  id text PRIMARY KEY,
  -- Compare-and-set across replicas: a save names the revision it read.
  revision integer NOT NULL,
  status text NOT NULL,
  requester text NOT NULL,
  thread_message_id text,
  opened_at text NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX cases_open_requester ON cases (requester) WHERE status <> 'closed';
CREATE INDEX cases_open ON cases (opened_at, id) WHERE status <> 'closed';
CREATE UNIQUE INDEX cases_thread ON cases (thread_message_id) WHERE thread_message_id IS NOT NULL AND status <> 'closed';

CREATE TABLE conversations (
  conversation_id text PRIMARY KEY,
  kind text NOT NULL,
  aad_object_id text,
  channel_id text,
  address jsonb NOT NULL,
  -- created: a person's chats in the order first seen; changed: a channel's newest root address.
  created bigint NOT NULL,
  changed bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE conversation_seq;
CREATE INDEX conversations_person ON conversations (aad_object_id, created) WHERE kind = 'personal';
CREATE INDEX conversations_channel ON conversations (channel_id, changed) WHERE kind = 'channel';

-- A card decides once: the primary key is the guard, whichever replica handles the click.
CREATE TABLE card_decisions (
  id text PRIMARY KEY,
  decided_by text NOT NULL,
  verb text NOT NULL,
  at text NOT NULL
);

CREATE TABLE seen_signatures (
  signature text PRIMARY KEY,
  idempotency_key text,
  until bigint NOT NULL
);
CREATE INDEX seen_signatures_until ON seen_signatures (until);

CREATE TABLE credential_warnings (
  expires_on text NOT NULL,
  threshold integer NOT NULL,
  PRIMARY KEY (expires_on, threshold)
);
`,
};
