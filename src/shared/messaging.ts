import type { Logger } from './logger.js';
import type { Lang } from './i18n.js';

/**
 * The project's own, SDK-neutral address of a conversation. Stored as is, so it must not depend on
 * botbuilder's `ConversationReference` (its successors rename fields, e.g. `bot` -> `agent`).
 */
export interface ConversationAddress {
  /** Bot Framework channel, `msteams` in Teams. */
  channel: string;
  serviceUrl: string;
  tenantId?: string;
  /** The conversation id; for a channel thread `19:...@thread.tacv2;messageid=<root>`. */
  conversationId: string;
  kind: 'personal' | 'channel' | 'groupChat';
  /** The Teams team id and channel id for channel conversations. */
  teamId?: string;
  channelId?: string;
  /** For personal chats: the user the chat is with. */
  user?: { teamsId: string; aadObjectId?: string; name?: string };
  /** The bot's own account in this conversation (`28:<appId>`). */
  bot: { id: string; name?: string };
  locale?: string;
}

/** Who sent an activity. `aadObjectId` is the authenticated identity used for every decision. */
export interface Sender {
  teamsId: string;
  aadObjectId?: string;
  name: string;
}

/** A text message a person typed, with the bot's @mention already removed. */
export interface InboundMessage {
  id: string;
  text: string;
  lang: Lang;
  locale: string;
  from: Sender;
  address: ConversationAddress;
  /** In a channel thread: the id of the thread's root message. */
  threadRootId?: string;
  receivedAt: Date;
}

/** A click on an Adaptive Card button: `Action.Submit` (a message) or `Action.Execute` (an invoke). */
export interface CardAction {
  id: string;
  kind: 'submit' | 'execute';
  /** `feature.action`, e.g. `cases.take`. */
  verb: string;
  /** The data the bot put on the button (verified against its signature) plus the form inputs. */
  data: Record<string, unknown>;
  lang: Lang;
  locale: string;
  from: Sender;
  address: ConversationAddress;
  /** The id of the message that carries the card, when the channel tells it. */
  cardMessageId?: string;
  threadRootId?: string;
  receivedAt: Date;
}

/** An Adaptive Card as plain JSON (schema 1.5). */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/**
 * Someone the bot @mentions so Teams notifies them: a person (Entra object id) or a Teams tag
 * (the tag's id; everyone with the tag is notified). The text carries `<at>name</at>` for it.
 */
export interface Mention {
  id: string;
  name: string;
  kind: 'person' | 'tag';
}

/** What the bot says: plain text (Teams Markdown subset, optionally with @mentions) or an Adaptive Card with a text fallback. */
export type Reply =
  | { kind: 'text'; text: string; mentions?: Mention[] }
  | { kind: 'card'; card: AdaptiveCard; summary?: string };

export const textReply = (text: string): Reply => ({ kind: 'text', text });

/** The `<at>` tag Teams replaces with the mention; the name without characters that would break it. */
export const atMention = (mention: Mention): string => `<at>${mention.name.replace(/[<>&]/g, '')}</at>`;

/** A text that @mentions people or a tag; `build` gets the `<at>` tag to place in the text. */
export function mentionReply(mention: Mention | undefined, build: (who: string) => string): Reply {
  if (!mention) return { kind: 'text', text: build('') };
  return { kind: 'text', text: build(atMention(mention)), mentions: [mention] };
}
export const cardReply = (card: AdaptiveCard, summary?: string): Reply => ({ kind: 'card', card, summary });

/** The id the channel gave a sent message; needed to update or delete it later. */
export interface SentMessage {
  messageId?: string;
}

/** A new thread the bot started in a channel. */
export interface PostedThread {
  /** The thread's address: replies go to `conversationId` = `<channel>;messageid=<root>`. */
  address: ConversationAddress;
  messageId: string;
}

/** A file the bot offers in a personal chat (Teams asks the person first: the file consent card). */
export interface FileOffer {
  /** The key of the pending upload; comes back when the person accepts or declines. */
  id: string;
  name: string;
  sizeInBytes: number;
  description: string;
}

/**
 * Outbound messaging outside a turn (proactive). Implemented once in `src/teams/` with botbuilder;
 * in tests with the fake Bot Connector. Errors are `MessengerError`s.
 */
export interface Messenger {
  send(address: ConversationAddress, reply: Reply): Promise<SentMessage>;
  update(address: ConversationAddress, messageId: string, reply: Reply): Promise<void>;
  delete(address: ConversationAddress, messageId: string): Promise<void>;
  /** Opens (or finds) the 1:1 chat of the bot with a user, given a known address to learn the service from. */
  openPersonalChat(user: { aadObjectId: string; tenantId?: string }, via: ConversationAddress): Promise<ConversationAddress>;
  /** Posts a new thread in a channel. `channel` is an address of that channel (any thread of it). */
  postToChannel(channel: ConversationAddress, reply: Reply): Promise<PostedThread>;
  /** Offers a file in a personal chat; the upload happens when the person accepts. */
  offerFile(address: ConversationAddress, offer: FileOffer): Promise<SentMessage>;
}

/** What the Bot Connector answered when a send failed. */
export class MessengerError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterMs?: number;
  constructor(status: number, code: string, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'MessengerError';
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
  /** The conversation is gone for good: blocked, uninstalled, or not found. */
  get isGone(): boolean {
    return (
      this.status === 404 ||
      (this.status === 403 && ['ConversationBlockedByUser', 'MessageWritesBlocked', 'ForbiddenOperationException', 'BotNotInConversationRoster'].includes(this.code))
    );
  }
  get isRetryable(): boolean {
    return this.status === 429 || this.status === 412 || this.status === 502 || this.status === 503 || this.status === 504 || this.status === 0;
  }
}

/** Tools a handler gets for the turn it runs in. `TurnContext` never leaves `src/teams/`. */
export interface TurnTools {
  /** Answers in the conversation the message came from. */
  reply(reply: Reply | string): Promise<SentMessage>;
  /** Replaces the card that was clicked (a card action only; a no-op for typed messages). */
  replaceCard(reply: Reply): Promise<void>;
  /** Shows the typing indicator while slow work runs. */
  typing(): Promise<void>;
  /** The turn's child logger (activity id, conversation kind; every line carries the request id). */
  log?: Logger;
}

export type MessageHandler = (message: InboundMessage, tools: TurnTools) => Promise<void>;
export type ActionHandler = (action: CardAction, tools: TurnTools) => Promise<void>;
/** Returns true when it handled the message, so the next interceptor or the fallback is skipped. */
export type MessageInterceptor = (message: InboundMessage, tools: TurnTools) => Promise<boolean>;
