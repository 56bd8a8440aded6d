import { say } from '../../shared/i18n.js';
import { cardReply, textReply, type ActionHandler, type CardAction } from '../../shared/messaging.js';
import { answerCard } from './answer-card.js';
import type { KnowledgeDeps } from './knowledge-deps.js';
import { TEXTS } from './knowledge-texts.js';
import { caseOfferCard } from './offer-cards.js';
import { maskedQuestion, questionKey, storedQuestion } from './clean-question.js';

function stringArg(action: CardAction, key: string): string {
  const value = action.data[key];
  return typeof value === 'string' ? value : '';
}

/** `knowledge.show`: a suggestion was picked; answers with that article in the user's language. */
export function showArticle(deps: KnowledgeDeps): ActionHandler {
  return async (action, tools) => {
    const article = deps.knowledge.article(stringArg(action, 'id'), action.lang);
    if (!article) {
      await tools.reply(textReply(say(TEXTS.articleGone, action.lang)));
      return;
    }
    await tools.reply(cardReply(answerCard({ article, question: stringArg(action, 'question'), lang: action.lang, signer: deps.signer, picked: true }), article.title));
  };
}

/**
 * A suggestion the person picked and said helped: the question becomes a proposed phrasing of the
 * article (personal codes masked), unless the article already has it.
 */
async function proposePicked(deps: KnowledgeDeps, articleId: string, question: string): Promise<void> {
  const article = deps.knowledge.articleById(articleId);
  const stored = storedQuestion(question);
  if (!article || !stored || article.phrasings.some((phrasing) => questionKey(phrasing) === stored.key)) return;
  await deps.proposals.propose({ articleId, ...stored, origin: 'helpful', at: deps.clock.now() });
}

/**
 * `knowledge.helpful` / `knowledge.unhelpful`: keeps the click, takes the buttons off the answer,
 * then thanks, or says sorry and offers to open a case with the question and the article shown.
 */
export function recordFeedback(deps: KnowledgeDeps, helpful: boolean): ActionHandler {
  const log = deps.logger.child({ feature: 'knowledge' });
  return async (action, tools) => {
    const articleId = stringArg(action, 'articleId');
    const question = stringArg(action, 'question');
    await deps.feedback.recordFeedback({ articleId, helpful, question: maskedQuestion(question), lang: action.lang, at: deps.clock.now() });
    log.info({ activityId: action.id, articleId, helpful }, 'answer feedback');
    if (helpful && action.data.picked === true) await proposePicked(deps, articleId, question);
    const article = deps.knowledge.articleById(articleId);
    if (article) await tools.replaceCard(cardReply(answerCard({ article, question, lang: action.lang, signer: deps.signer, feedbackGiven: true }), article.title));
    if (helpful) await tools.reply(textReply(say(TEXTS.thanks, action.lang)));
    else await tools.reply(cardReply(caseOfferCard(TEXTS.sorry, question, [articleId], action.lang, deps.signer), say(TEXTS.sorry, action.lang)));
  };
}
