import { progressOf, type DeliveryProgress } from './delivery-progress.js';
import type { Incident } from './incident.js';
import type { Broadcast, BroadcastReport, DeliveryEntry, DeskReport } from './incident-store.js';

/** What became of the notice in one conversation. */
export interface DeliveryOutcome {
  key: string;
  kind: 'channel' | 'personal';
  /** Where the message lives (for a channel, its thread), so it can still be found. */
  conversationId: string;
  messageId?: string;
  /** `pending` only when the record was forced out before the outbox had finished. */
  outcome: 'delivered' | 'failed' | 'dropped' | 'pending';
  /** The newest version this conversation has. */
  deliveredVersion: number;
  failure?: string;
  /** The person of a personal chat (Entra object id), for the delivery report. */
  personId?: string;
  name?: string;
  /** When the conversation's entry last changed (the delivery, or the last attempt). */
  at?: string;
}

/**
 * A finished incident's outbox and audience folded into one archived record. One append per
 * incident instead of one per conversation: appending rewrites the newest archive segment, so
 * archiving 10,000 entries one by one would rewrite it 10,000 times.
 */
export interface DeliveryRecord {
  /** The incident's id. */
  id: string;
  version: number;
  archivedAt: string;
  progress: DeliveryProgress;
  report?: BroadcastReport;
  desk?: DeskReport;
  targets: DeliveryOutcome[];
}

function outcomeOf(entry: DeliveryEntry | undefined, version: number): DeliveryOutcome['outcome'] {
  if (!entry) return 'pending';
  if (entry.state === 'dropped') return 'dropped';
  if (entry.deliveredVersion >= version) return 'delivered';
  return entry.failedVersion === version ? 'failed' : 'pending';
}

/** The record of an incident's deliveries: its audience, and what each conversation got. */
export function recordOf(incident: Incident, broadcast: Broadcast | undefined, entries: readonly DeliveryEntry[], now: Date): DeliveryRecord {
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));
  const targets = broadcast?.targets ?? entries.map((entry) => ({ key: entry.key, kind: entry.key.startsWith('channel:') ? 'channel' as const : 'personal' as const, address: entry.address }));
  return {
    id: incident.id,
    version: incident.version,
    archivedAt: now.toISOString(),
    progress: progressOf(incident.version, targets, (key) => byKey.get(key)),
    report: broadcast?.report,
    desk: broadcast?.desk,
    targets: targets.map((target) => {
      const entry = byKey.get(target.key);
      return {
        key: target.key,
        kind: target.kind,
        conversationId: (entry?.address ?? target.address).conversationId,
        messageId: entry?.messageId,
        outcome: outcomeOf(entry, incident.version),
        deliveredVersion: entry?.deliveredVersion ?? 0,
        failure: entry?.failure,
        personId: target.address.user?.aadObjectId,
        name: target.address.user?.name,
        at: entry?.updatedAt,
      };
    }),
  };
}
