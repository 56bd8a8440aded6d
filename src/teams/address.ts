import type { Activity, ConversationReference } from 'botbuilder';
import type { ConversationAddress } from '../shared/messaging.js';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string };
  channel?: { id?: string };
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const id = channelData.tenant?.id ?? activity.conversation?.tenantId ?? undefined;
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}

function kindOf(activity: Partial<Activity>): ConversationAddress['kind'] {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  if (type === 'personal') return 'personal';
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

/** The neutral address of the conversation an activity came from. */
export function addressFromActivity(activity: Partial<Activity>): ConversationAddress {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const kind = kindOf(activity);
  const address: ConversationAddress = {
    channel: activity.channelId ?? 'msteams',
    serviceUrl: activity.serviceUrl ?? '',
    conversationId: activity.conversation?.id ?? '',
    kind,
    bot: { id: activity.recipient?.id ?? '', name: activity.recipient?.name },
  };
  const tenantId = tenantOf(activity);
  if (tenantId) address.tenantId = tenantId;
  if (channelData.team?.id) address.teamId = channelData.team.id;
  if (kind === 'channel') address.channelId = channelData.channel?.id ?? address.conversationId.split(';messageid=')[0];
  if (kind === 'personal' && activity.from) {
    address.user = { teamsId: activity.from.id, aadObjectId: activity.from.aadObjectId?.toLowerCase(), name: activity.from.name };
  }
  if (activity.locale) address.locale = activity.locale;
  return address;
}

/** A botbuilder reference for an address, built at the moment of sending and never stored. */
export function referenceFromAddress(address: ConversationAddress): Partial<ConversationReference> {
  return {
    channelId: address.channel,
    serviceUrl: address.serviceUrl,
    conversation: {
      id: address.conversationId,
      isGroup: address.kind !== 'personal',
      conversationType: address.kind,
      tenantId: address.tenantId,
      name: '',
    },
    bot: { id: address.bot.id, name: address.bot.name ?? '' },
    user: address.user ? { id: address.user.teamsId, name: address.user.name ?? '', aadObjectId: address.user.aadObjectId } : undefined,
    locale: address.locale,
  };
}
