import { ActivityTypes, CardFactory, TurnContext, type Activity } from 'botbuilder';
import { langOf } from '../shared/i18n.js';
import { atMention, type CardAction, type InboundMessage, type Mention, type Reply, type Sender } from '../shared/messaging.js';
import { addressFromActivity } from './address.js';

const RESERVED = new Set(['verb', 'args', 'sig']);

function senderOf(activity: Activity): Sender {
  // GUIDs are lower-cased at the edge, so every comparison downstream may use ===.
  return { teamsId: activity.from?.id ?? '', aadObjectId: activity.from?.aadObjectId?.toLowerCase(), name: activity.from?.name ?? '' };
}

function threadRootOf(activity: Activity): string | undefined {
  const match = /;messageid=(\d+)/.exec(activity.conversation?.id ?? '');
  return match?.[1];
}

/** A typed message, with the bot's @mention removed. */
export function toInboundMessage(activity: Activity, defaultLocale: string): InboundMessage {
  const locale = activity.locale || defaultLocale;
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return {
    id: activity.id ?? '',
    // Spaces collapse, line breaks stay: a pasted CSV or a list keeps its lines.
    text: text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/[^\S\n]+/g, ' ').replace(/ ?\n ?/g, '\n').trim(),
    lang: langOf(locale, langOf(defaultLocale)),
    locale,
    from: senderOf(activity),
    address: addressFromActivity(activity),
    threadRootId: threadRootOf(activity),
    receivedAt: new Date(),
  };
}

/** The raw payload of a card click: `Action.Submit` values or `Action.Execute` data. */
export function cardPayloadOf(activity: Activity): { kind: 'submit' | 'execute'; payload: Record<string, unknown> } | undefined {
  if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
    const action = (activity.value as { action?: { data?: unknown; verb?: string } } | undefined)?.action;
    const data = action?.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : {};
    return { kind: 'execute', payload: { verb: action?.verb, ...data } };
  }
  if (activity.type === ActivityTypes.Message && activity.value && typeof activity.value === 'object' && !Array.isArray(activity.value)) {
    return { kind: 'submit', payload: activity.value as Record<string, unknown> };
  }
  return undefined;
}

/** A card click, once its signature is checked by the caller: the bot's args plus the form inputs. */
export function toCardAction(activity: Activity, kind: 'submit' | 'execute', payload: Record<string, unknown>, defaultLocale: string): CardAction {
  const locale = activity.locale || defaultLocale;
  const inputs = Object.fromEntries(Object.entries(payload).filter(([key]) => !RESERVED.has(key)));
  const args = (payload.args ?? {}) as Record<string, unknown>;
  return {
    id: activity.id ?? '',
    kind,
    verb: String(payload.verb),
    data: { ...inputs, ...args },
    lang: langOf(locale, langOf(defaultLocale)),
    locale,
    from: senderOf(activity),
    address: addressFromActivity(activity),
    cardMessageId: activity.replyToId,
    threadRootId: threadRootOf(activity),
    receivedAt: new Date(),
  };
}

/** Our reply as a Bot Framework activity. */
export function toActivity(reply: Reply): Partial<Activity> {
  if (reply.kind === 'text') {
    const entities = reply.mentions?.map(mentionEntity);
    // botbuilder's serializer drops `mentioned.type`, so a tag is mentioned in a card, as Microsoft's tag-mention sample does.
    if (reply.mentions?.some((mention) => mention.kind === 'tag')) {
      const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: reply.text, wrap: true }], msteams: { entities } };
      return { type: ActivityTypes.Message, summary: reply.text.replace(/<\/?at>/g, ''), attachments: [CardFactory.adaptiveCard(card)] };
    }
    return { type: ActivityTypes.Message, text: reply.text, textFormat: 'markdown', ...(entities?.length ? { entities } : {}) };
  }
  return {
    type: ActivityTypes.Message,
    summary: reply.summary,
    attachments: [CardFactory.adaptiveCard(reply.card)],
  };
}

/** Teams' mention entity: a person by Entra object id, or a tag (`mentioned.type: 'tag'`). */
function mentionEntity(mention: Mention): { type: 'mention'; text: string; mentioned: Record<string, string> } {
  return {
    type: 'mention',
    text: atMention(mention),
    mentioned: { id: mention.id, name: mention.name, ...(mention.kind === 'tag' ? { type: 'tag' } : {}) },
  };
}
