import { say, type Text } from '../../shared/i18n.js';
import { textReply, type InboundMessage, type TurnTools } from '../../shared/messaging.js';
import { SPECIALIST_ROLE } from './case-labels.js';
import { caseErrors } from './case-errors.js';
import type { CasesContext } from './cases-context.js';
import { plainText } from '../../shared/plain-text.js';

const T = {
  requesterRole: { et: 'pöörduja', en: 'requester' },
  passedOn: { et: 'Edastasin su vastuse pöördumise {number} menetlejale.', en: 'I passed your answer on to the specialist handling case {number}.' },
  notDelivered: { et: 'Sinu sõnum on pöördumise {number} juures kirjas, kuid spetsialistile ei saanud ma seda praegu edastada. Kui asi on kiire, kirjuta palun uuesti.', en: 'Your message has been saved with case {number}, but I could not pass it on to the specialist just now. If it is urgent, please write again.' },
  requesterUnreachable: { et: 'Ma ei saanud seda sõnumit pöördujale edastada (tema vestlus robotiga ei ole kättesaadav).', en: 'I could not pass this message on to the requester (I cannot reach their chat with the bot).' },
  noChat: {
    et: 'Selle pöördumise esitajaga ei ole praegu vestlust pooleli. Vestluse alustamiseks vajuta kaardil „Vasta pöördujale“.',
    en: 'There is no chat with the requester of this case right now. To start one, press "Reply to the requester" on the card.',
  },
} satisfies Record<string, Text>;

/** A requester's message in their personal chat during a handoff, or an answer the specialist waits for. */
async function relayFromRequester(ctx: CasesContext, message: InboundMessage, tools: TurnTools): Promise<boolean> {
  const aad = message.from.aadObjectId;
  if (message.address.kind !== 'personal' || !aad) return false;
  const open = await ctx.service.store.findOpenByRequester(aad);
  const chat = open.find((item) => item.handoff);
  const waiting = chat ? undefined : open.find((item) => item.status === 'waiting_for_user');
  const item = chat ?? waiting;
  if (!item) return false;
  const by = { aadObjectId: aad, name: message.from.name };
  const saved = await ctx.service.addMessage(item.id, { from: 'requester', by, text: message.text });
  const sent = await ctx.notifier.toThread(saved, (lang) => textReply(`${plainText(message.from.name)} (${say(T.requesterRole, lang)}): ${plainText(message.text)}`));
  if (waiting) {
    await ctx.service.change(item.id, { type: 'user_replied' }, ctx.service.actorOf(message.from, 'requester'));
    if (sent) await tools.reply(say(T.passedOn, message.lang, { number: item.id }));
  }
  if (!sent) await tools.reply(say(T.notDelivered, message.lang, { number: item.id }));
  return true;
}

/** A specialist's @mention in the case thread: relayed to the requester under their own name. */
async function relayFromSpecialist(ctx: CasesContext, message: InboundMessage, tools: TurnTools): Promise<boolean> {
  if (message.address.kind !== 'channel' || !message.threadRootId) return false;
  const item = await ctx.service.store.findByThread(message.threadRootId);
  if (!item) return false;
  if (!ctx.isSpecialist(message.from.aadObjectId)) throw caseErrors.notSpecialist();
  if (!item.handoff) {
    await tools.reply(say(T.noChat, message.lang));
    return true;
  }
  const by = { aadObjectId: message.from.aadObjectId ?? '', name: message.from.name };
  const saved = await ctx.service.addMessage(item.id, { from: 'specialist', by, text: message.text });
  const sent = await ctx.notifier.toRequester(saved, (lang) => textReply(`${plainText(message.from.name)} (${say(SPECIALIST_ROLE, lang)}): ${plainText(message.text)}`));
  if (!sent) await tools.reply(say(T.requesterUnreachable, message.lang));
  return true;
}

/** While a handoff is active, messages go between the requester's chat and the case thread. */
export function registerHandoffRelay(ctx: CasesContext): void {
  ctx.router.intercept((message, tools) => relayFromRequester(ctx, message, tools));
  ctx.router.intercept((message, tools) => relayFromSpecialist(ctx, message, tools));
}
