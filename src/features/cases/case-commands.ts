import type { Text } from '../../shared/i18n.js';
import type { InboundMessage } from '../../shared/messaging.js';
import { isActive, type Case } from './case.js';
import { caseErrors } from './case-errors.js';
import { parseCaseNumber } from './case-number.js';
import type { CasesContext } from './cases-context.js';
import { caseStatusCard, caseStatusOnlyCard, myCasesCard } from './requester-cards.js';
import { endChat, offerForm } from './requester-actions.js';
import { caseListCard } from './specialist-cards.js';

const LISTS: Array<{ key: string; et: string; en: string; help: Text; title: Text; pick: (item: Case, me: string) => boolean }> = [
  {
    key: 'cases.open', et: 'avatud pöördumised', en: 'open cases',
    help: { et: 'kõik pooleliolevad pöördumised', en: 'all cases in progress' },
    title: { et: 'Avatud pöördumised', en: 'Open cases' },
    pick: (item) => isActive(item),
  },
  {
    key: 'cases.unassigned', et: 'määramata pöördumised', en: 'unassigned cases',
    help: { et: 'pöördumised, mida keegi pole veel võtnud', en: 'cases nobody has taken yet' },
    title: { et: 'Määramata pöördumised', en: 'Unassigned cases' },
    pick: (item) => isActive(item) && !item.assignee,
  },
  {
    key: 'cases.myWork', et: 'minu tööd', en: 'my work',
    help: { et: 'sinu käes olevad pöördumised', en: 'the cases assigned to you' },
    title: { et: 'Minu tööd', en: 'My work' },
    pick: (item, me) => isActive(item) && item.assignee?.aadObjectId.toLowerCase() === me,
  },
];

async function showCase(ctx: CasesContext, message: InboundMessage, argument: string): Promise<Case> {
  const number = parseCaseNumber(argument);
  if (!number) throw caseErrors.badNumber();
  const item = await ctx.service.store.get(number);
  const mine = item?.requester.aadObjectId.toLowerCase() === message.from.aadObjectId?.toLowerCase();
  if (!item || (!mine && !ctx.isSpecialist(message.from.aadObjectId))) throw caseErrors.notFound(number);
  return item;
}

/** The whole case only in the specialists' channel or the requester's own chat; elsewhere its status. */
function mayShowWhole(ctx: CasesContext, message: InboundMessage, item: Case): boolean {
  const { address } = message;
  if (address.kind === 'channel') return Boolean(ctx.specialistsChannelId) && address.channelId === ctx.specialistsChannelId && ctx.isSpecialist(message.from.aadObjectId);
  return address.kind === 'personal' && item.requester.aadObjectId.toLowerCase() === message.from.aadObjectId?.toLowerCase();
}

async function caseInChat(ctx: CasesContext, message: InboundMessage): Promise<Case | undefined> {
  if (message.address.kind === 'channel') return message.threadRootId ? ctx.service.store.findByThread(message.threadRootId) : undefined;
  return (await ctx.service.store.findOpenByRequester(message.from.aadObjectId ?? '')).find((item) => item.handoff);
}

/** The typed commands of the cases feature. */
export function registerCaseCommands(ctx: CasesContext): void {
  const { router } = ctx;
  router.command(
    { key: 'cases.new', names: { et: ['uus pöördumine'], en: ['new case'] }, help: { et: 'avab uue pöördumise kasutajatoele', en: 'opens a new case for the support desk' } },
    (message, tools) => offerForm(ctx, message.lang, tools),
  );
  router.command(
    { key: 'cases.mine', names: { et: ['minu pöördumised'], en: ['my cases'] }, help: { et: 'sinu avatud pöördumised ja nende olek', en: 'your open cases and their status' } },
    async (message, tools) => {
      await tools.reply(myCasesCard(await ctx.service.store.findOpenByRequester(message.from.aadObjectId ?? ''), message.lang));
    },
  );
  router.command(
    {
      key: 'cases.show', names: { et: ['pöördumine'], en: ['case'] }, takesArgument: true, scopes: ['personal', 'channel'],
      help: { et: 'näitab pöördumise olekut, nt „pöördumine TUGI-2026-00042“', en: 'shows a case\'s status, e.g. "case TUGI-2026-00042"' },
    },
    async (message, tools, argument) => {
      const item = await showCase(ctx, message, argument);
      await tools.reply(mayShowWhole(ctx, message, item) ? caseStatusCard(item, message.lang, ctx.signer, ctx.reopenDays) : caseStatusOnlyCard(item, message.lang));
    },
  );
  router.command(
    {
      key: 'cases.endChat', names: { et: ['lõpeta vestlus'], en: ['end chat'] }, scopes: ['personal', 'channel'],
      help: { et: 'lõpetab vestluse spetsialistiga', en: 'ends the chat with the specialist' },
    },
    async (message) => {
      const item = await caseInChat(ctx, message);
      if (!item?.handoff) throw caseErrors.noHandoff();
      await endChat(ctx, item.id, message.from);
    },
  );
  for (const list of LISTS) {
    router.command(
      { key: list.key, names: { et: [list.et], en: [list.en] }, help: list.help, audience: 'specialist', scopes: ['personal', 'channel'] },
      async (message, tools) => {
        const me = (message.from.aadObjectId ?? '').toLowerCase();
        const items = (await ctx.service.store.listOpen()).filter((item) => list.pick(item, me));
        await tools.reply(caseListCard(list.title, items, ctx.clock.now(), message.lang));
      },
    );
  }
}
