import { core } from './001-core.js';
import { access } from './100-access.js';
import { knowledge } from './110-knowledge.js';
import { incidents } from './120-incidents.js';

/**
 * One schema step: SQL in a TypeScript module (tsc does not copy .sql files into dist). Ids sort in
 * the order they run; a step never changes once released, a later step changes what it made.
 */
export interface PgMigration {
  id: string;
  sql: string;
}

/**
 * Every migration, in order. Features add theirs here: 001-core (cases, conversations, card
 * decisions, webhook signatures, credential warnings, settings); 100-access, 110-knowledge and 120-incidents follow.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  core,
  access,
  knowledge,
  incidents,
];
