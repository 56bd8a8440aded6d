import { detectSystems } from '../knowledge/index.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { textReply, type CardAction, type Sender, type TurnTools } from '../../shared/messaging.js';
import type { CaseSystem } from './case.js';
import { announce } from './case-announcements.js';
import { caseErrors } from './case-errors.js';
import { EVENT_LABELS, STATUS_LABELS, formatTime } from './case-labels.js';
import { caseFormCard, submittedCard } from './case-form-card.js';
import { caseStatusCard, resolvedCard } from './requester-cards.js';
import type { CasesContext } from './cases-context.js';
import { refuseStale } from './specialist-actions.js';
import type { Actor } from './transition.js';

const T = {
  registered: {
    et: 'Sinu pöördumise number on {number}. Spetsialist võtab selle menetlusse hiljemalt {due}; annan sulle siin teada, kui midagi muutub. Oleku näed käsuga „pöördumine {number}“.',
    en: 'Your case number is {number}. A specialist will take it up by {due}; I will let you know here when anything changes. Type "case {number}" to see its status.',
  },
  channelLater: {
    et: 'Ma ei tea veel kasutajatoe kanalit, seega jõuab pöördumine spetsialistideni esimesel võimalusel.',
    en: 'I do not know the support desk channel yet, so your case will reach the specialists as soon as possible.',
  },
  duplicate: { et: 'See vorm on juba saadetud: pöördumine {number}.', en: 'This form has already been sent: case {number}.' },
  reopened: { et: 'Pöördumine {number} on uuesti avatud ja spetsialistid näevad seda.', en: 'Case {number} is open again and the specialists can see it.' },
  thanks: { et: 'Aitäh hinnangu eest!', en: 'Thank you for your rating!' },
  chatEnded: { et: 'Vestlus on lõppenud.', en: 'The chat has ended.' },
} satisfies Record<string, Text>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The system a question names, if exactly one. */
export function systemNamedIn(text: string): CaseSystem | undefined {
  const named = detectSystems(text);
  return named.length === 1 ? (named[0] as CaseSystem) : undefined;
}

async function showIncidentNotice(ctx: CasesContext, system: string | undefined, lang: Lang, tools: TurnTools): Promise<boolean> {
  if (system !== 'SKAIS' && system !== 'STAR') return false;
  const notice = await ctx.incidents.activeFor([system], lang);
  if (notice) await tools.reply(notice);
  return notice !== undefined;
}

/** Opens the form (after a "did not help" answer, or by command), with an outage notice first. */
export async function offerForm(ctx: CasesContext, lang: Lang, tools: TurnTools, question?: string, shown?: string): Promise<void> {
  const noticed = question ? systemNamedIn(question) : undefined;
  const shownNotice = await showIncidentNotice(ctx, noticed, lang, tools);
  await tools.reply(caseFormCard(ctx.signer, lang, { question, shown, formId: newId(), system: noticed, ...(shownNotice && noticed ? { noticed } : {}) }));
}

async function submitForm(ctx: CasesContext, action: CardAction, tools: TurnTools): Promise<void> {
  const data = action.data;
  const { item, created } = await ctx.service.open(action.from, action.locale, {
    system: str(data.system), kind: str(data.kind), urgency: str(data.urgency), description: str(data.description),
    question: str(data.question) || undefined, shown: str(data.shown), formId: str(data.formId) || undefined,
  });
  if (!created) {
    await tools.reply(say(T.duplicate, action.lang, { number: item.id }));
    return;
  }
  if (str(data.noticed) !== item.system) await showIncidentNotice(ctx, item.system, action.lang, tools);
  if (action.cardMessageId) await tools.replaceCard(submittedCard(item, action.lang));
  const lines = [say(T.registered, action.lang, { number: item.id, due: formatTime(item.dueAt, action.lang) })];
  if (!item.thread) lines.push(say(T.channelLater, action.lang));
  await tools.reply(lines.join('\n\n'));
}

/** Who ends a chat: the requester, or a configured specialist. */
function chatActor(ctx: CasesContext, sender: Sender, requesterId: string): Actor {
  if (sender.aadObjectId?.toLowerCase() === requesterId.toLowerCase()) return ctx.service.actorOf(sender, 'requester');
  return ctx.service.actorOf(sender, 'specialist');
}

/** Ends a chat; a button passes the chat it was sent for (`startedAt`), so an old button ends no later chat. */
export async function endChat(ctx: CasesContext, number: string, sender: Sender, startedAt?: string): Promise<void> {
  const item = await ctx.service.load(number);
  const actor = chatActor(ctx, sender, item.requester.aadObjectId);
  const { before, after } = await ctx.service.change(number, { type: 'handoff_end', ...(startedAt !== undefined ? { startedAt } : {}) }, actor);
  await announce({ notifier: ctx.notifier, signer: ctx.signer, reopenDays: ctx.reopenDays }, { type: 'handoff_end' }, before, after, actor);
}

async function reopen(ctx: CasesContext, action: CardAction, tools: TurnTools): Promise<void> {
  const actor = ctx.service.actorOf(action.from, 'requester');
  const number = str(action.data.n);
  const { before, after } = await ctx.service.change(number, { type: 'reopen' }, actor, Number(action.data.v));
  await announce({ notifier: ctx.notifier, signer: ctx.signer, reopenDays: ctx.reopenDays }, { type: 'reopen' }, before, after, actor);
  // The resolved card is decided: its rating and reopen buttons give way to the case's state.
  if (action.cardMessageId) await tools.replaceCard(caseStatusCard(after, action.lang, ctx.signer, ctx.reopenDays));
  await tools.reply(say(T.reopened, action.lang, { number }));
}

async function rate(ctx: CasesContext, action: CardAction, tools: TurnTools): Promise<void> {
  const actor = ctx.service.actorOf(action.from, 'requester');
  const number = str(action.data.n);
  const score = Number(action.data.r);
  if (!Number.isInteger(score) || score < 1 || score > 5) throw caseErrors.badRating();
  const rated = await ctx.service.amend(number, (item) => {
    if (item.requester.aadObjectId.toLowerCase() !== actor.aadObjectId.toLowerCase()) throw caseErrors.notRequester(number);
    if (item.status !== 'resolved') throw caseErrors.illegal(number, EVENT_LABELS.rate, STATUS_LABELS[item.status]);
    if (item.rating !== undefined) throw caseErrors.alreadyRated(number, item.rating);
    return { ...item, rating: score };
  }, true);
  // The card is replaced without its rating buttons: a rating counts once.
  if (action.cardMessageId) await tools.replaceCard(resolvedCard(rated, action.lang, ctx.signer, ctx.reopenDays));
  await tools.reply(say(T.thanks, action.lang));
}

/** The buttons a requester sees: open the form, send it, end a chat, reopen, rate. */
export function registerRequesterActions(ctx: CasesContext): void {
  const { router } = ctx;
  router.action('cases.start', (action, tools) => offerForm(ctx, action.lang, tools, str(action.data.question) || undefined, str(action.data.shown)));
  router.action('cases.submit', (action, tools) => submitForm(ctx, action, tools));
  // A button without `h` comes from a card sent before chats were told apart.
  router.action('cases.endChat', async (action, tools) => {
    await endChat(ctx, str(action.data.n), action.from, typeof action.data.h === 'string' ? action.data.h : undefined);
    if (action.cardMessageId) await tools.replaceCard(textReply(say(T.chatEnded, action.lang)));
  });
  router.action('cases.reopen', async (action, tools) => {
    try {
      await reopen(ctx, action, tools);
    } catch (error) {
      await refuseStale(ctx, action, tools, error);
    }
  });
  router.action('cases.rate', (action, tools) => rate(ctx, action, tools));
}
