import { cardReply, type InboundMessage, type TurnTools } from '../../shared/messaging.js';
import type { KnowledgeDeps } from './knowledge-deps.js';
import { targetOf } from './proposal-actions.js';
import { proposalCard } from './proposal-cards.js';
import { PROPOSAL_TEXTS } from './proposal-texts.js';
import { reportCard } from './report-card.js';
import { say } from '../../shared/i18n.js';

export const REPORT_SIZE = 10;

/**
 * `teadmusbaasi aruanne` / `knowledge report` for specialists: the report card, then one card per
 * proposed phrasing awaiting a decision (each is replaced by its decision when clicked).
 */
export function showReport(deps: KnowledgeDeps) {
  return async (message: InboundMessage, tools: TurnTools): Promise<void> => {
    const { lang } = message;
    const unhelpful = (await deps.feedback.mostUnhelpful(REPORT_SIZE)).map((entry) => ({ ...entry, title: deps.knowledge.articleById(entry.articleId)?.title }));
    const proposals = await deps.proposals.pending(REPORT_SIZE);
    const counts = { pending: await deps.proposals.countPending(), shown: proposals.length };
    const card = reportCard({ unanswered: await deps.feedback.mostAskedUnanswered(REPORT_SIZE), unhelpful, proposals: counts, lang, signer: deps.signer });
    await tools.reply(cardReply(card));
    for (const proposal of proposals) {
      await tools.reply(cardReply(proposalCard(proposal, targetOf(deps.knowledge, proposal), lang, deps.signer), say(PROPOSAL_TEXTS.title, lang)));
    }
  };
}
