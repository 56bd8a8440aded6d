import { isDomainError } from '../../shared/errors.js';
import { say } from '../../shared/i18n.js';
import type { CardAction, TurnTools } from '../../shared/messaging.js';
import { maskPersonalCodes } from '../../shared/personal-code.js';
import type { Case, CaseEvent, Escalation } from './case.js';
import { announce } from './case-announcements.js';
import { caseErrors } from './case-errors.js';
import { FIELD_LABELS, tallinnDayAndHour } from './case-labels.js';
import { channelCard } from './channel-card.js';
import type { CasesContext } from './cases-context.js';
import { draftFileName, saveDraftArticle } from './draft-article.js';
import { caseStatusCard } from './requester-cards.js';

const text = (action: CardAction, key: string): string => (typeof action.data[key] === 'string' ? (action.data[key] as string).trim() : '');

/** When a card was stale: say so, and show the current state in its place. */
export async function refuseStale(ctx: CasesContext, action: CardAction, tools: TurnTools, error: unknown): Promise<void> {
  if (!isDomainError(error) || (error.code !== 'CASE_CARD_STALE' && error.code !== 'CASE_ALREADY_DECIDED')) throw error;
  const current = await ctx.service.load(String(action.data.n));
  const card = action.address.kind === 'channel' ? channelCard(current, ctx.signer, action.lang, ctx.articleTitles) : caseStatusCard(current, action.lang, ctx.signer, ctx.reopenDays);
  await tools.reply(say(error.userText, action.lang, error.vars));
  if (action.cardMessageId) await tools.replaceCard(card);
  else await tools.reply(card);
}

function escalationOf(item: Case, action: CardAction): Escalation {
  const to = text(action, 'escalateTo') || 'specialist';
  if (to !== 'specialist' && to !== 'third_party') throw caseErrors.badInput(FIELD_LABELS.escalateTo);
  const name = maskPersonalCodes(text(action, 'escalateName'));
  if (!name) throw caseErrors.missingInput(action.lang === 'et' ? 'Nimi või ettevõte' : 'Name or company');
  const body = [item.question && item.question !== item.description ? item.question : '', item.description].filter(Boolean).join('\n\n');
  // The text is meant to be passed on, so personal codes are masked whoever receives it.
  const summary = `${item.id} (${item.system}): ${maskPersonalCodes(body)}`;
  const reference = maskPersonalCodes(text(action, 'escalateRef'));
  return { to, name, summary, ...(reference ? { reference } : {}) };
}

type Build = (item: Case, action: CardAction) => CaseEvent;

const BUILDERS: Record<string, Build> = {
  'cases.take': () => ({ type: 'take' }),
  'cases.reply': () => ({ type: 'handoff_start' }),
  'cases.escalate': (item, action) => ({ type: 'escalate', escalation: escalationOf(item, action) }),
  'cases.wait': (_item, action) => {
    const note = text(action, 'waitNote');
    if (!note) throw caseErrors.missingInput(action.lang === 'et' ? 'Mida pöördujalt vaja on?' : 'What do you need from the requester?');
    return { type: 'wait_for_user', note };
  },
  'cases.resolve': (item, action) => {
    const resolution = text(action, 'resolution');
    if (!resolution) throw caseErrors.missingInput(action.lang === 'et' ? 'Lahendus' : 'Resolution');
    const draft = text(action, 'saveDraft') === 'true' ? { draftArticle: draftFileName(item) } : {};
    return { type: 'resolve', resolution: { text: resolution.slice(0, 4000), ...draft } };
  },
};

const DRAFT_FAILED = {
  et: 'Pöördumine {number} on lahendatud ja pöördujale teatatud, kuid artikli mustandit ei saanud salvestada: {reason}. Palun anna sellest teada roboti haldajale (mustandite kaust: DRAFTS_DIR).',
  en: 'Case {number} is resolved and the requester has been told, but the draft article could not be saved: {reason}. Please tell the bot\'s administrator (the drafts folder: DRAFTS_DIR).',
};
const DRAFT_REASONS: Record<string, { et: string; en: string }> = {
  EACCES: { et: 'mustandite kausta ei ole robotil õigust kirjutada', en: 'the bot may not write to the drafts folder' },
  EPERM: { et: 'mustandite kausta ei ole robotil õigust kirjutada', en: 'the bot may not write to the drafts folder' },
  EROFS: { et: 'mustandite kaust on ainult lugemiseks', en: 'the drafts folder is read-only' },
  ENOSPC: { et: 'kettal ei ole enam ruumi', en: 'the disk is full' },
  ENOTDIR: { et: 'mustandite kausta asukohas on fail, mitte kaust', en: 'there is a file, not a folder, where the drafts folder should be' },
  EEXIST: { et: 'mustandite kausta asukohas on fail, mitte kaust', en: 'there is a file, not a folder, where the drafts folder should be' },
};
const DRAFT_REASON_OTHER = { et: 'faili kirjutamine ebaõnnestus', en: 'writing the file failed' };

/** Saves the draft after the case is resolved; a failure is told to the specialist in words, never undoes the resolution. */
async function saveDraft(ctx: CasesContext, item: Case, resolution: string, action: CardAction, tools: TurnTools): Promise<void> {
  try {
    await saveDraftArticle(ctx.draftsDir, item, resolution, tallinnDayAndHour(ctx.clock.now()).day);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    ctx.logger.error({ feature: 'cases', caseId: item.id, code, draftsDir: ctx.draftsDir }, 'could not write the draft article');
    await tools.reply(say(DRAFT_FAILED, action.lang, { number: item.id, reason: DRAFT_REASONS[code] ?? DRAFT_REASON_OTHER }));
  }
}

const ALREADY_CHATTING = { et: 'Sa juba vestled pöördumise {number} esitajaga.', en: 'You are already chatting with the requester of case {number}.' };

async function runSpecialistAction(ctx: CasesContext, action: CardAction, tools: TurnTools): Promise<void> {
  const actor = ctx.service.actorOf(action.from, 'specialist');
  const number = String(action.data.n);
  const item = await ctx.service.load(number);
  const event = BUILDERS[action.verb](item, action);
  if (event.type === 'handoff_start') {
    const elsewhere = (await ctx.service.store.findOpenByRequester(item.requester.aadObjectId)).find((other) => other.handoff && other.id !== number);
    if (elsewhere) throw caseErrors.handoffElsewhere(elsewhere.id);
  }
  const { before, after } = await ctx.service.change(number, event, actor, Number(action.data.v));
  if (after === before) {
    await tools.reply(say(ALREADY_CHATTING, action.lang, { number }));
    return;
  }
  await announce({ notifier: ctx.notifier, signer: ctx.signer, reopenDays: ctx.reopenDays }, event, before, after, actor);
  if (event.type === 'resolve' && event.resolution.draftArticle) await saveDraft(ctx, after, event.resolution.text, action, tools);
}

/** The buttons on the channel card: take, reply (start a chat), escalate, wait for user, resolve. */
export function registerSpecialistActions(ctx: CasesContext): void {
  for (const verb of Object.keys(BUILDERS)) {
    ctx.router.action(verb, async (action, tools) => {
      try {
        await runSpecialistAction(ctx, action, tools);
      } catch (error) {
        await refuseStale(ctx, action, tools, error);
      }
    }, { audience: 'specialist' });
  }
}
