import { say } from '../../shared/i18n.js';
import { cardReply, textReply, type InboundMessage, type MessageHandler, type Reply } from '../../shared/messaging.js';
import { hasNoContent } from './analyse-text.js';
import { answerCard } from './answer-card.js';
import { detectSystems } from './detect-systems.js';
import type { KnowledgeDeps } from './knowledge-deps.js';
import { TEXTS } from './knowledge-texts.js';
import { caseOfferCard, suggestionCard } from './offer-cards.js';
import { suggestionsOf, type SearchOutcome } from './search-knowledge.js';

function replyFor(deps: KnowledgeDeps, message: InboundMessage, outcome: SearchOutcome): Reply {
  const { knowledge, signer } = deps;
  const { lang, text } = message;
  if (outcome.decision === 'answer') {
    const article = knowledge.article(outcome.results[0].id, lang);
    if (article) return cardReply(answerCard({ article, question: text, lang, signer }), article.title);
  }
  if (outcome.decision !== 'none') {
    const suggestions = suggestionsOf(outcome)
      .flatMap((result) => {
        const article = knowledge.article(result.id, lang);
        return article ? [{ id: result.id, title: article.title }] : [];
      });
    if (suggestions.length > 0) return cardReply(suggestionCard(suggestions, text, lang, signer), say(TEXTS.suggestIntro, lang));
  }
  return cardReply(caseOfferCard(TEXTS.notFound, text, [], lang, signer), say(TEXTS.notFound, lang));
}

/**
 * The fallback for free text in a personal chat: the text is a question. The `beforeAnswer` hook
 * (an active outage) speaks first; then one article, up to three suggestions, or an honest "not
 * found" with the offer to open a case. Questions that found nothing are kept for the report; a
 * message with nothing to search for (a greeting) gets a prompt to ask.
 */
export function answerQuestion(deps: KnowledgeDeps): MessageHandler {
  const log = deps.logger.child({ feature: 'knowledge' });
  return async (message, tools) => {
    if (hasNoContent(message.text)) {
      deps.metrics?.count('knowledge', { decision: 'small_talk' });
      await tools.reply(textReply(say(TEXTS.emptyQuestion, message.lang)));
      return;
    }
    const first = deps.beforeAnswer && (await deps.beforeAnswer(message, detectSystems(message.text)));
    if (first) await tools.reply(first);
    if (!deps.knowledge.ready) {
      await tools.reply(textReply(say(TEXTS.notReady, message.lang)));
      return;
    }
    const outcome = deps.knowledge.search(message.text);
    const top = outcome.results[0];
    deps.metrics?.count('knowledge', { decision: outcome.decision });
    log.info({ activityId: message.id, decision: outcome.decision, top: top?.id, score: top?.score, systems: outcome.systems }, 'question answered');
    if (outcome.decision === 'none') await deps.feedback.recordUnanswered(message.text, deps.clock.now());
    await tools.reply(replyFor(deps, message, outcome));
  };
}
