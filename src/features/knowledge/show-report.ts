import { cardReply, type InboundMessage, type TurnTools } from '../../shared/messaging.js';
import type { KnowledgeDeps } from './knowledge-deps.js';
import { reportCard } from './report-card.js';

export const REPORT_SIZE = 10;

/** `teadmusbaasi aruanne` / `knowledge report` for specialists. */
export function showReport(deps: KnowledgeDeps) {
  return async (message: InboundMessage, tools: TurnTools): Promise<void> => {
    const unhelpful = deps.feedback.mostUnhelpful(REPORT_SIZE).map((entry) => ({ ...entry, title: deps.knowledge.articleById(entry.articleId)?.title }));
    const card = reportCard({ unanswered: deps.feedback.mostAskedUnanswered(REPORT_SIZE), unhelpful, lang: message.lang });
    await tools.reply(cardReply(card));
  };
}
