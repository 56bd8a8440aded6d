import type { CardSigner } from '../../shared/card-signer.js';
import type { Clock } from '../../shared/clock.js';
import type { Lang } from '../../shared/i18n.js';
import type { Logger } from '../../shared/logger.js';
import type { Metrics } from '../../shared/metrics.js';
import type { InboundMessage, Reply } from '../../shared/messaging.js';
import type { Article } from './article.js';
import type { FeedbackStore } from './feedback-store.js';
import type { ReloadResult } from './knowledge-base.js';
import type { ProposalStore } from './proposal-store.js';
import type { PhrasingWriter } from './write-phrasing.js';
import type { SearchOutcome } from './search-knowledge.js';

/** What the handlers need from the knowledge base; `KnowledgeBase` is the implementation. */
export interface KnowledgeSearch {
  readonly ready: boolean;
  search(question: string): SearchOutcome;
  /** A topic's article in the language, else the Estonian one. */
  article(topic: string, lang: Lang): Article | undefined;
  articleById(id: string): Article | undefined;
  /** Every article in the index in use. */
  articles(): Article[];
  /** Re-reads the folder now, after the feature changed an article file itself. */
  refresh(): Promise<ReloadResult>;
}

/**
 * Runs before the bot answers a question, with the systems the question names (SKAIS, STAR). The
 * incidents feature uses it to show an active outage first; a reply it returns is sent first.
 */
export type BeforeAnswer = (message: InboundMessage, systems: string[]) => Promise<Reply | undefined>;

export interface KnowledgeDeps {
  knowledge: KnowledgeSearch;
  feedback: FeedbackStore;
  /** Questions proposed as new phrasings of articles, awaiting a specialist. */
  proposals: ProposalStore;
  /** Writes accepted phrasings into the article files of the knowledge folder. */
  phrasings: PhrasingWriter;
  signer: CardSigner;
  logger: Logger;
  clock: Clock;
  beforeAnswer?: BeforeAnswer;
  /** Counts each decision (answer, suggest, none, small_talk); off when absent. */
  metrics?: Metrics;
}
