import type { ConversationAddress } from './messaging.js';

/**
 * Where the bot can reach people and channels, learned from every activity it receives. Reads are
 * asynchronous: with several replicas on one database, an address one replica learned must be
 * found by the others.
 */
export interface ConversationStore {
  /** Inserts or refreshes an address; writes only when something changed. */
  save(address: ConversationAddress): Promise<void>;
  /** The bot's personal chat with a user, by Entra object id. */
  personalFor(aadObjectId: string): Promise<ConversationAddress | undefined>;
  /** The address of a channel (its root, not a thread), by Teams channel id. */
  channel(channelId: string): Promise<ConversationAddress | undefined>;
  /** Every personal chat (a broadcast audience), read without holding the event loop. */
  allPersonal(): Promise<ConversationAddress[]>;
  /** Forgets a conversation the bot can no longer write to (blocked, uninstalled). */
  remove(conversationId: string): Promise<void>;
}

/** The root address of a channel thread's channel: the conversation id without `;messageid=`. */
export function channelRoot(address: ConversationAddress): ConversationAddress {
  return { ...address, conversationId: address.conversationId.split(';messageid=')[0] };
}

/** The address of one thread in a channel. */
export function threadAddress(channel: ConversationAddress, rootMessageId: string): ConversationAddress {
  return { ...channelRoot(channel), conversationId: `${channelRoot(channel).conversationId};messageid=${rootMessageId}` };
}
