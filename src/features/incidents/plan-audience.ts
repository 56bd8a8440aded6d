import { langOf, type Lang } from '../../shared/i18n.js';
import type { ConversationAddress } from '../../shared/messaging.js';
import { followedSystemsOf, type FollowedSystem } from './incident.js';
import type { DeliveryTarget } from './incident-store.js';

export interface AudienceSources {
  /** Broadcast channels and the specialists' channel, as known addresses (unknown ones are left out). */
  channels: Array<{ address: ConversationAddress; specialists: boolean }>;
  /** Every personal chat the bot has. */
  people: ConversationAddress[];
  followed: (aadObjectId: string) => FollowedSystem[];
  defaultLang: Lang;
  /** A targeted notice (department, job title, group): only these people (Entra object ids, lower case). */
  selected?: ReadonlySet<string>;
}

/**
 * Channels get every notice; a person gets it when they follow one of the affected systems and,
 * for a targeted notice, is in its audience.
 */
export function planAudience(systems: readonly string[], sources: AudienceSources): DeliveryTarget[] {
  const affected = followedSystemsOf(systems);
  const targets = new Map<string, DeliveryTarget>();
  for (const { address, specialists } of sources.channels) {
    const key = `channel:${address.channelId ?? address.conversationId}`;
    const known = targets.get(key);
    targets.set(key, { key, kind: 'channel', address, lang: sources.defaultLang, specialists: specialists || known?.specialists || undefined });
  }
  const byPerson = new Map<string, string>();
  for (const address of sources.people) {
    const aad = address.user?.aadObjectId?.toLowerCase();
    if (sources.selected && !(aad && sources.selected.has(aad))) continue;
    if (aad && !sources.followed(aad).some((system) => affected.includes(system))) continue;
    const key = `personal:${address.conversationId}`;
    // One chat per person: an install's chat (read from Graph) and the one Teams announced are the same chat.
    const earlier = aad ? byPerson.get(aad) : undefined;
    if (earlier && !fromGraph(targets.get(earlier)?.address)) continue;
    if (earlier) targets.delete(earlier);
    if (aad) byPerson.set(aad, key);
    targets.set(key, { key, kind: 'personal', address, lang: langOf(address.locale, sources.defaultLang) });
  }
  return [...targets.values()];
}

/** A personal chat's id as Graph gives it for an install (`19:…@unq.gbl.spaces`), not as Teams announced it. */
const fromGraph = (address: ConversationAddress | undefined): boolean => Boolean(address?.conversationId.endsWith('@unq.gbl.spaces'));

const personOf = (target: DeliveryTarget): string | undefined => (target.kind === 'personal' ? target.address.user?.aadObjectId?.toLowerCase() : undefined);

/** Adds targets that were not in the audience yet (people who installed the bot since). */
export function widenAudience(current: readonly DeliveryTarget[], planned: readonly DeliveryTarget[]): { targets: DeliveryTarget[]; added: number } {
  const known = new Set(current.map((target) => target.key));
  const people = new Set(current.map(personOf).filter(Boolean));
  const added = planned.filter((target) => !known.has(target.key) && !(personOf(target) && people.has(personOf(target))));
  return { targets: [...current, ...added], added: added.length };
}

export function countAudience(targets: readonly DeliveryTarget[]): { channels: number; people: number; total: number } {
  const channels = targets.filter((target) => target.kind === 'channel').length;
  return { channels, people: targets.length - channels, total: targets.length };
}
