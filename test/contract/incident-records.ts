import type { DeliveryEntry, DeliveryTarget, Incident, IncidentStores } from '../../src/features/incidents/index.js';
import { deliveryId } from '../../src/features/incidents/incident-store.js';
import type { ConversationAddress } from '../../src/shared/messaging.js';

/** The incident feature's stores, as every engine opens them. */
export type IncidentStoresUnderTest = IncidentStores;

export function incident(id: string, extra: Partial<Incident> = {}): Incident {
  const at = extra.createdAt ?? '2026-12-07T08:00:00.000Z';
  return {
    id, ref: id, version: 1, createdAt: at, updatedAt: at, systems: ['SKAIS'], severity: 'major', status: 'investigating',
    title: 'SKAIS on aeglane', description: 'Uurime.', history: [{ version: 1, at, status: 'investigating', description: 'Uurime.', by: { source: 'webhook' } }],
    ...extra,
  };
}

export function address(n: number, kind: 'personal' | 'channel' = 'personal'): ConversationAddress {
  return kind === 'channel'
    ? { channel: 'msteams', serviceUrl: 'https://smba.example/', conversationId: `19:ch${n}@thread.tacv2`, kind, channelId: `19:ch${n}@thread.tacv2`, teamId: 't', bot: { id: '28:bot' } }
    : { channel: 'msteams', serviceUrl: 'https://smba.example/', conversationId: `a:chat-${n}`, kind, user: { teamsId: `29:u${n}`, aadObjectId: `0000000${n}-aaaa-4bbb-8ccc-000000000000`, name: `Inimene ${n}` }, bot: { id: '28:bot' } };
}

export function target(n: number, kind: 'personal' | 'channel' = 'personal'): DeliveryTarget {
  return { key: `${kind}:${n}`, kind, address: address(n, kind), lang: 'et', ...(kind === 'channel' ? { specialists: true } : {}) };
}

export function entry(incidentId: string, n: number, extra: Partial<DeliveryEntry> = {}): DeliveryEntry {
  const key = `personal:${n}`;
  return {
    id: deliveryId(incidentId, key), incidentId, key, address: address(n), state: 'idle', deliveredVersion: 0, sendingVersion: 1, attempts: 0,
    updatedAt: '2026-12-07T08:00:01.000Z', ...extra,
  };
}

/** The entry as stored, without what the store adds (its revision). */
export function withoutRevision<T extends { revision?: number }>(stored: T | undefined): Omit<T, 'revision'> | undefined {
  if (!stored) return undefined;
  const { revision: _revision, ...rest } = stored;
  return rest;
}
