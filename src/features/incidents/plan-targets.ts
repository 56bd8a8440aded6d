import type { Config } from '../../config.js';
import type { ConversationStore } from '../../shared/conversations.js';
import type { Lang } from '../../shared/i18n.js';
import type { Logger } from '../../shared/logger.js';
import type { ConversationAddress } from '../../shared/messaging.js';
import { isTargeted, type NoticeAudience } from './audience.js';
import { AUDIENCE_UNSUPPORTED, type AudienceResolver } from './audience-resolver.js';
import type { DeliveryTarget, SubscriptionStore } from './incident-store.js';
import type { InstallVia } from './install-store.js';
import type { FollowedSystem } from './incident.js';
import { planAudience } from './plan-audience.js';

/** Subscriptions read side by side while planning (one query each on a database). */
const READ_AT_ONCE = 32;

/** An audience as planned: the conversations, and the people it names who have no chat with the bot yet. */
export interface AudiencePlan {
  targets: DeliveryTarget[];
  /** For a targeted notice: how many people the audience names. */
  selected?: number;
  unreached: string[];
  via?: InstallVia;
}

export interface PlanSources {
  config: Config;
  conversations: ConversationStore;
  subscriptions: SubscriptionStore;
  logger: Logger;
  audiences?: AudienceResolver;
}

/**
 * Who a notice goes to now: the broadcast channels and the specialists' channel the bot knows, and
 * the people with a chat who follow the systems (for a targeted notice, only those in its audience);
 * plus the people the audience names who have no chat yet, and the bot's address parts to reach them.
 */
export async function planTargets(deps: PlanSources, defaultLang: Lang, systems: readonly string[], audience?: NoticeAudience): Promise<AudiencePlan> {
  const { config, conversations, subscriptions } = deps;
  const channels: Array<{ address: ConversationAddress; specialists: boolean }> = [];
  const wanted = [...config.broadcastChannelIds.map((id) => ({ id, specialists: false })), ...(config.specialistsChannelId ? [{ id: config.specialistsChannelId, specialists: true }] : [])];
  for (const { id, specialists } of wanted) {
    const address = await conversations.channel(id);
    if (address) channels.push({ address, specialists });
    else deps.logger.warn({ channelId: id }, 'broadcast channel not known yet: install the bot in its team');
  }
  const people = await conversations.allPersonal();
  if (isTargeted(audience) && !deps.audiences) throw AUDIENCE_UNSUPPORTED;
  const selected = isTargeted(audience) && deps.audiences ? await deps.audiences.people(audience) : undefined;
  const followed = await followedBy(subscriptions, people, selected);
  const targets = planAudience(systems, { channels, people, followed: (id) => followed.get(id) ?? [], defaultLang, selected });
  if (!selected) return { targets, unreached: [] };
  const withChat = new Set(people.map((address) => address.user?.aadObjectId?.toLowerCase()));
  const known = people[0] ?? channels[0]?.address;
  const via = known && { serviceUrl: known.serviceUrl, tenantId: known.tenantId, botId: known.bot.id, botName: known.bot.name };
  return { targets, selected: selected.size, unreached: [...selected].filter((id) => !withChat.has(id)), via };
}

/** What each person (in the audience, when targeted) follows, read a few at a time before planning. */
async function followedBy(subscriptions: SubscriptionStore, people: readonly ConversationAddress[], selected: ReadonlySet<string> | undefined): Promise<Map<string, FollowedSystem[]>> {
  const ids = [...new Set(people.map((address) => address.user?.aadObjectId?.toLowerCase()).filter((id): id is string => id !== undefined && (!selected || selected.has(id))))];
  const followed = new Map<string, FollowedSystem[]>();
  for (let start = 0; start < ids.length; start += READ_AT_ONCE) {
    const chunk = ids.slice(start, start + READ_AT_ONCE);
    const read = await Promise.all(chunk.map((id) => subscriptions.followed(id)));
    chunk.forEach((id, index) => followed.set(id, read[index]));
  }
  return followed;
}
