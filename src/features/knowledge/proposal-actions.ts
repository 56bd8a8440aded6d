import { say, type Lang } from '../../shared/i18n.js';
import { cardReply, textReply, type ActionHandler, type CardAction } from '../../shared/messaging.js';
import type { Article } from './article.js';
import type { ReloadResult } from './knowledge-base.js';
import type { KnowledgeDeps, KnowledgeSearch } from './knowledge-deps.js';
import { knowledgeErrors } from './knowledge-errors.js';
import { linkCard, linkedCard, proposalCard, type LinkChoice, type ProposalTarget } from './proposal-cards.js';
import type { Proposal } from './proposal-store.js';
import { PROPOSAL_TEXTS as T } from './proposal-texts.js';

function stringArg(action: CardAction, key: string): string {
  const value = action.data[key];
  return typeof value === 'string' ? value.trim() : '';
}

/** The article a proposal is for, as specialists see it; its id only when the article is gone. */
export function targetOf(knowledge: KnowledgeSearch, proposal: Proposal): ProposalTarget {
  const article = knowledge.articleById(proposal.articleId);
  return { title: article?.title ?? proposal.articleId, file: article ? `knowledge/${article.file}` : '' };
}

/** The specialist who clicked, from the authenticated identity of the activity. */
function decider(action: CardAction): { aadObjectId: string; name: string } {
  return { aadObjectId: action.from.aadObjectId ?? action.from.teamsId, name: action.from.name };
}

async function showDecided(deps: KnowledgeDeps, proposal: Proposal, lang: Lang, tools: Parameters<ActionHandler>[1]): Promise<void> {
  await tools.replaceCard(cardReply(proposalCard(proposal, targetOf(deps.knowledge, proposal), lang, deps.signer)));
  await tools.reply(textReply(say(T.alreadyDecided, lang)));
}

/** What to tell the specialist after an accept: whether the question is now answered with the article. */
function acceptedText(knowledge: KnowledgeSearch, reload: ReloadResult, question: string, article: Article) {
  if (reload === 'kept-previous' || reload === 'failed') return T.acceptedNotSearched;
  const outcome = knowledge.search(question);
  return outcome.decision === 'answer' && outcome.results[0]?.id === article.topic ? T.acceptedReply : T.acceptedNotAnswered;
}

/**
 * `knowledge.acceptPhrasing` (specialists): writes the question into the article's `phrasings:`,
 * reloads the index so it is searched at once, and replaces the card with the decision. When the
 * file cannot be written the proposal stays pending and the file unchanged.
 */
export function acceptPhrasing(deps: KnowledgeDeps): ActionHandler {
  const log = deps.logger.child({ feature: 'knowledge' });
  return async (action, tools) => {
    const proposal = await deps.proposals.get(stringArg(action, 'proposalId'));
    if (!proposal) throw knowledgeErrors.proposalNotFound();
    if (proposal.status !== 'pending') return showDecided(deps, proposal, action.lang, tools);
    const article = deps.knowledge.articleById(proposal.articleId);
    if (!article) throw knowledgeErrors.articleNotFound(proposal.articleId);
    try {
      await deps.phrasings.add(article.file, proposal.question);
    } catch (error) {
      log.error({ err: error, activityId: action.id, proposalId: proposal.id, file: article.file }, 'cannot write a phrasing to the article file');
      throw knowledgeErrors.writeFailed(`knowledge/${article.file}`);
    }
    const decided = await deps.proposals.decide(proposal.id, { status: 'accepted', by: decider(action), at: deps.clock.now() });
    if (!decided) return showDecided(deps, (await deps.proposals.get(proposal.id)) ?? proposal, action.lang, tools);
    const reload = await deps.knowledge.refresh();
    log.info({ activityId: action.id, proposalId: proposal.id, articleId: article.id, reload }, 'phrasing accepted');
    await tools.replaceCard(cardReply(proposalCard(decided, targetOf(deps.knowledge, decided), action.lang, deps.signer)));
    const vars = { question: decided.question, title: article.title, file: `knowledge/${article.file}` };
    await tools.reply(textReply(say(acceptedText(deps.knowledge, reload, decided.question, article), action.lang, vars)));
  };
}

/** `knowledge.rejectPhrasing` (specialists): the proposal is set aside and not proposed again. */
export function rejectPhrasing(deps: KnowledgeDeps): ActionHandler {
  const log = deps.logger.child({ feature: 'knowledge' });
  return async (action, tools) => {
    const proposal = await deps.proposals.get(stringArg(action, 'proposalId'));
    if (!proposal) throw knowledgeErrors.proposalNotFound();
    const decided = proposal.status === 'pending'
      ? await deps.proposals.decide(proposal.id, { status: 'rejected', by: decider(action), at: deps.clock.now() })
      : undefined;
    if (!decided) return showDecided(deps, (await deps.proposals.get(proposal.id)) ?? proposal, action.lang, tools);
    log.info({ activityId: action.id, proposalId: proposal.id, articleId: proposal.articleId }, 'phrasing rejected');
    await tools.replaceCard(cardReply(proposalCard(decided, targetOf(deps.knowledge, decided), action.lang, deps.signer)));
    await tools.reply(textReply(say(T.rejectedReply, action.lang)));
  };
}

/** Every article, the ones the search finds for the question first, then the rest by title. */
export function linkChoices(knowledge: KnowledgeSearch, question: string): LinkChoice[] {
  const articles = knowledge.articles();
  const likely = knowledge.search(question).results.map((result) => result.id);
  const rank = (article: Article) => {
    const at = likely.indexOf(article.topic);
    return at < 0 ? likely.length : at;
  };
  return [...articles]
    .sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, 'et'))
    .map((article) => ({ id: article.id, title: article.lang === 'en' ? `${article.title} (English)` : article.title }));
}

/** `knowledge.linkForm` (specialists): the form to link an unanswered question to an article. */
export function openLinkForm(deps: KnowledgeDeps): ActionHandler {
  return async (action, tools) => {
    const question = await deps.feedback.findUnanswered(stringArg(action, 'key'));
    if (!question) throw knowledgeErrors.questionGone();
    await tools.reply(cardReply(linkCard(question, linkChoices(deps.knowledge, question.question), action.lang, deps.signer)));
  };
}

/**
 * `knowledge.link` (specialists): the unanswered question becomes a proposed phrasing of the
 * chosen article and leaves the unanswered list; the proposal card follows.
 */
export function linkQuestion(deps: KnowledgeDeps): ActionHandler {
  const log = deps.logger.child({ feature: 'knowledge' });
  return async (action, tools) => {
    const articleId = stringArg(action, 'articleId');
    const article = deps.knowledge.articleById(articleId);
    if (!article) throw knowledgeErrors.articleNotFound(articleId);
    const question = await deps.feedback.findUnanswered(stringArg(action, 'key'));
    if (!question) throw knowledgeErrors.questionGone();
    const proposal = await deps.proposals.propose({ articleId, key: question.key, question: question.question, origin: 'linked', at: deps.clock.now() });
    await deps.feedback.removeUnanswered(question.key);
    log.info({ activityId: action.id, proposalId: proposal.id, articleId }, 'unanswered question linked to an article');
    await tools.replaceCard(cardReply(linkedCard(question.question, article.title, action.lang)));
    await tools.reply(cardReply(proposalCard(proposal, targetOf(deps.knowledge, proposal), action.lang, deps.signer), say(T.title, action.lang)));
  };
}
