import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, textReply, type InboundMessage, type MessageHandler, type Reply } from '../../shared/messaging.js';
import { hasNoContent } from './analyse-text.js';
import { storedQuestion } from './clean-question.js';
import { answerCard } from './answer-card.js';
import { detectSystems } from './detect-systems.js';
import { questionLanguage } from './guess-language.js';
import type { KnowledgeDeps } from './knowledge-deps.js';
import { TEXTS } from './knowledge-texts.js';
import { caseOfferCard, suggestionCard } from './offer-cards.js';
import { MAX_SEARCH_CHARS, suggestionsOf, type SearchOutcome } from './search-knowledge.js';
import type { SmallTalkKind } from './small-talk.js';

const SMALL_TALK: Record<SmallTalkKind, Text> = {
  greeting: TEXTS.smalltalkGreeting,
  thanks: TEXTS.smalltalkThanks,
  farewell: TEXTS.smalltalkFarewell,
  howAreYou: TEXTS.smalltalkHowAreYou,
  whoAreYou: TEXTS.smalltalkWhoAreYou,
  robot: TEXTS.smalltalkRobot,
  insult: TEXTS.smalltalkInsult,
  ack: TEXTS.smalltalkAck,
  offTopic: TEXTS.smalltalkOffTopic,
  gibberish: TEXTS.smalltalkGibberish,
};

function replyFor(deps: KnowledgeDeps, message: InboundMessage, outcome: SearchOutcome, lang: Lang): Reply {
  const { knowledge, signer } = deps;
  const { text } = message;
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
 * The fallback for free text in a personal chat: the text is a question, answered in the language
 * it is written in (else the Teams locale). Small talk (greetings, thanks, "are you a robot", ...)
 * gets a short answer that says what the bot does, and is not kept as unanswered. The
 * `beforeAnswer` hook (an active outage) speaks first; then one article, up to three suggestions,
 * or an honest "not found" with the offer to open a case. Questions that found nothing are kept
 * for the report; a message with nothing to search for gets a prompt to ask. The search reads a
 * bounded prefix of the message, so a very long message costs no more than a long question.
 */
export function answerQuestion(deps: KnowledgeDeps): MessageHandler {
  const log = deps.logger.child({ feature: 'knowledge' });
  return async (message, tools) => {
    const text = message.text.slice(0, MAX_SEARCH_CHARS);
    const outcome = deps.knowledge.ready ? deps.knowledge.search(text) : undefined;
    const lang = outcome?.smalltalk?.lang ?? questionLanguage(text) ?? message.lang;
    if (outcome?.smalltalk) {
      deps.metrics?.count('knowledge', { decision: 'small_talk' });
      log.info({ activityId: message.id, smalltalk: outcome.smalltalk.kind }, 'small talk answered');
      await tools.reply(textReply(say(SMALL_TALK[outcome.smalltalk.kind], lang)));
      return;
    }
    if (hasNoContent(text)) {
      deps.metrics?.count('knowledge', { decision: 'small_talk' });
      await tools.reply(textReply(say(TEXTS.emptyQuestion, lang)));
      return;
    }
    const first = deps.beforeAnswer && (await deps.beforeAnswer(message, outcome?.systems ?? detectSystems(text)));
    if (first) await tools.reply(first);
    if (!outcome) {
      await tools.reply(textReply(say(TEXTS.notReady, lang)));
      return;
    }
    const top = outcome.results[0];
    deps.metrics?.count('knowledge', { decision: outcome.decision });
    log.info({ activityId: message.id, decision: outcome.decision, top: top?.id, score: top?.score, systems: outcome.systems, lang }, 'question answered');
    const unanswered = outcome.decision === 'none' ? storedQuestion(message.text) : undefined;
    if (unanswered) await deps.feedback.recordUnanswered(unanswered, deps.clock.now());
    await tools.reply(replyFor(deps, message, outcome, lang));
  };
}
