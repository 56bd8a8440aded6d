import type { PgMigration } from './index.js';

/** Feedback on answers, unanswered questions and proposed phrasings (questions arrive masked). */
export const knowledge: PgMigration = {
  id: '110-knowledge',
  sql: `
CREATE TABLE knowledge_feedback (
  article_id text PRIMARY KEY,
  helpful integer NOT NULL,
  unhelpful integer NOT NULL,
  last_at timestamptz NOT NULL
);

CREATE TABLE knowledge_feedback_events (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  article_id text NOT NULL,
  helpful boolean NOT NULL,
  question text NOT NULL,
  lang text NOT NULL,
  at timestamptz NOT NULL
);

CREATE TABLE knowledge_unanswered (
  key text PRIMARY KEY,
  question text NOT NULL,
  count integer NOT NULL,
  first_asked_at timestamptz NOT NULL,
  last_asked_at timestamptz NOT NULL
);
CREATE INDEX knowledge_unanswered_rank ON knowledge_unanswered (count DESC, last_asked_at DESC);

-- One proposal per article and question key, whichever replica proposes it.
CREATE TABLE knowledge_proposals (
  id text PRIMARY KEY,
  article_id text NOT NULL,
  key text NOT NULL,
  question text NOT NULL,
  helpful integer NOT NULL,
  linked integer NOT NULL,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  decided_by jsonb,
  decided_at timestamptz,
  UNIQUE (article_id, key)
);
CREATE INDEX knowledge_proposals_pending ON knowledge_proposals (status);
`,
};
