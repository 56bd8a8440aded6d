import { TurnContext, type CloudAdapter, type ConversationParameters } from 'botbuilder';
import type { ConversationAddress, FileOffer, Messenger, PostedThread, Reply, SentMessage } from '../shared/messaging.js';
import { fileConsentAttachment } from './file-consent.js';
import { MessengerError } from '../shared/messaging.js';
import { addressFromActivity, referenceFromAddress } from './address.js';
import { toActivity } from './translate.js';

interface RestLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** Turns a connector failure into a `MessengerError` with the status and Teams' error code. */
export function toMessengerError(error: unknown): MessengerError {
  if (error instanceof MessengerError) return error;
  const rest = error as RestLikeError;
  const retryAfter = rest.response?.headers?.get?.('retry-after');
  const retryAfterMs = retryAfter !== undefined && retryAfter !== '' && !Number.isNaN(Number(retryAfter)) ? Number(retryAfter) * 1000 : undefined;
  return new MessengerError(rest.statusCode ?? 0, rest.code ?? 'NetworkError', rest.message ?? String(error), retryAfterMs);
}

/**
 * The `Messenger` port with botbuilder's CloudAdapter: proactive sends with
 * `continueConversationAsync`, new chats and channel threads with `createConversationAsync`.
 */
export class BotMessenger implements Messenger {
  constructor(private readonly adapter: CloudAdapter, private readonly appId: string) {}

  private async inConversation<T>(address: ConversationAddress, work: (context: TurnContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    try {
      await this.adapter.continueConversationAsync(this.appId, referenceFromAddress(address), async (context) => {
        result = await work(context);
      });
    } catch (error) {
      throw toMessengerError(error);
    }
    return result as T;
  }

  send(address: ConversationAddress, reply: Reply): Promise<SentMessage> {
    return this.inConversation(address, async (context) => {
      const response = await context.sendActivity(toActivity(reply));
      return { messageId: response?.id };
    });
  }

  offerFile(address: ConversationAddress, offer: FileOffer): Promise<SentMessage> {
    return this.inConversation(address, async (context) => {
      const response = await context.sendActivity({ type: 'message', attachments: [fileConsentAttachment(offer)] });
      return { messageId: response?.id };
    });
  }

  async update(address: ConversationAddress, messageId: string, reply: Reply): Promise<void> {
    await this.inConversation(address, async (context) => {
      await context.updateActivity({ ...toActivity(reply), id: messageId });
    });
  }

  async delete(address: ConversationAddress, messageId: string): Promise<void> {
    await this.inConversation(address, (context) => context.deleteActivity(messageId));
  }

  async openPersonalChat(user: { aadObjectId: string; tenantId?: string }, via: ConversationAddress): Promise<ConversationAddress> {
    const tenantId = user.tenantId ?? via.tenantId;
    const parameters = {
      isGroup: false,
      bot: { id: via.bot.id, name: via.bot.name ?? '' },
      members: [{ id: user.aadObjectId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    let created: ConversationAddress | undefined;
    try {
      await this.adapter.createConversationAsync(this.appId, via.channel, via.serviceUrl, '', parameters, async (context) => {
        created = addressFromActivity(context.activity);
      });
    } catch (error) {
      throw toMessengerError(error);
    }
    if (!created) throw new MessengerError(0, 'NoConversation', 'The connector did not return a conversation.');
    return {
      ...created,
      kind: 'personal',
      tenantId,
      bot: via.bot,
      user: { teamsId: user.aadObjectId, aadObjectId: user.aadObjectId },
    };
  }

  async postToChannel(channel: ConversationAddress, reply: Reply): Promise<PostedThread> {
    const channelId = channel.channelId ?? channel.conversationId.split(';messageid=')[0];
    const parameters = {
      isGroup: true,
      bot: { id: channel.bot.id, name: channel.bot.name ?? '' },
      channelData: { channel: { id: channelId }, tenant: { id: channel.tenantId } },
      tenantId: channel.tenantId,
      activity: toActivity(reply),
    } as ConversationParameters;
    let thread: PostedThread | undefined;
    try {
      await this.adapter.createConversationAsync(this.appId, channel.channel, channel.serviceUrl, '', parameters, async (context) => {
        const conversationId = context.activity.conversation.id;
        const messageId = /;messageid=(.+)$/.exec(conversationId)?.[1] ?? context.activity.id ?? '';
        thread = {
          address: { ...channel, channelId, conversationId: conversationId.includes(';messageid=') ? conversationId : `${channelId};messageid=${messageId}` },
          messageId,
        };
      });
    } catch (error) {
      throw toMessengerError(error);
    }
    if (!thread?.messageId) throw new MessengerError(0, 'NoThread', 'The connector did not return the new thread.');
    return thread;
  }
}
