import type { Router } from '../../shared/router.js';
import { VERBS } from './answer-card.js';
import { answerQuestion } from './answer-question.js';
import { recordFeedback, showArticle } from './card-actions.js';
import type { KnowledgeDeps } from './knowledge-deps.js';
import { TEXTS } from './knowledge-texts.js';
import { showReport } from './show-report.js';
import { PROPOSAL_VERBS } from './proposal-cards.js';
import { acceptPhrasing, linkQuestion, openLinkForm, rejectPhrasing } from './proposal-actions.js';

/**
 * The knowledge feature: free text in a personal chat is a question; card verbs
 * `knowledge.show`, `knowledge.helpful`, `knowledge.unhelpful`; the specialists' command
 * `knowledge.report`, and for specialists the card verbs `knowledge.linkForm`, `knowledge.link`
 * (an unanswered question becomes a proposed phrasing), `knowledge.acceptPhrasing` and
 * `knowledge.rejectPhrasing`. Buttons to open a case carry the verb `cases.start` (the cases feature).
 */
export function registerKnowledge(router: Router, deps: KnowledgeDeps): void {
  router.fallback(answerQuestion(deps));
  router.action(VERBS.show, showArticle(deps));
  router.action(VERBS.helpful, recordFeedback(deps, true));
  router.action(VERBS.unhelpful, recordFeedback(deps, false));
  router.action(PROPOSAL_VERBS.linkForm, openLinkForm(deps), { audience: 'specialist' });
  router.action(PROPOSAL_VERBS.link, linkQuestion(deps), { audience: 'specialist' });
  router.action(PROPOSAL_VERBS.accept, acceptPhrasing(deps), { audience: 'specialist' });
  router.action(PROPOSAL_VERBS.reject, rejectPhrasing(deps), { audience: 'specialist' });
  router.command(
    { key: 'knowledge.report', names: { et: ['teadmusbaasi aruanne'], en: ['knowledge report'] }, audience: 'specialist', help: TEXTS.reportHelp },
    showReport(deps),
  );
}

export type { KnowledgeDeps, KnowledgeSearch, BeforeAnswer } from './knowledge-deps.js';
export { KnowledgeBase, type KnowledgeBaseOptions, type ReloadResult } from './knowledge-base.js';
export type { FeedbackStore, FeedbackEntry, ArticleFeedback, UnansweredQuestion, StoredQuestion } from './feedback-store.js';
export type { Proposal, ProposalStore, ProposalOrigin, ProposalStatus, NewProposal, ProposalDecision } from './proposal-store.js';
export { PhrasingWriter } from './write-phrasing.js';
export { maskedQuestion, questionKey, storedQuestion } from './clean-question.js';
export { detectSystems } from './detect-systems.js';
export type { Article, ArticleSystem } from './article.js';
export type { Decision, SearchOutcome, SearchResult, Thresholds } from './search-knowledge.js';
export { VERBS as KNOWLEDGE_VERBS } from './answer-card.js';
