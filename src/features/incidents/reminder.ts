import type { CardSigner } from '../../shared/card-signer.js';
import type { Logger } from '../../shared/logger.js';
import type { Messenger } from '../../shared/messaging.js';
import { personalNotice } from './ack-card.js';
import type { Incident } from './incident.js';
import { deliveryId, type AckStore, type Broadcast, type DeliveryStore, type DeliveryTarget, type IncidentStore } from './incident-store.js';
import type { Pacer } from './pacer.js';

export interface ReminderDeps {
  incidents: IncidentStore;
  deliveries: DeliveryStore;
  acks: AckStore;
  messenger: Messenger;
  pacer: Pacer;
  signer: CardSigner;
  logger: Logger;
  stopped: () => boolean;
}

/** People who have the notice (current version) and have not pressed "Got it". */
export async function unacknowledged(deps: Pick<ReminderDeps, 'deliveries' | 'acks'>, incident: Incident, broadcast: Readonly<Broadcast>): Promise<DeliveryTarget[]> {
  const acks = await deps.acks.forIncident(incident.id);
  const entries = new Map((await deps.deliveries.liveFor(incident.id)).map((entry) => [entry.id, entry]));
  return broadcast.targets.filter((target) => {
    const aad = target.address.user?.aadObjectId?.toLowerCase();
    if (target.kind !== 'personal' || !aad || acks.has(aad)) return false;
    const entry = entries.get(deliveryId(incident.id, target.key));
    return entry !== undefined && entry.state !== 'dropped' && entry.deliveredVersion > 0;
  });
}

/**
 * Sends the one reminder: a new message with the notice and its "Got it" button to each person in
 * `targets`, paced like every broadcast. Recorded on the audience before the first send, so it is
 * never sent twice; a restart in the middle leaves the rest unreminded (logged).
 */
export async function sendReminders(deps: ReminderDeps, incident: Incident, targets: DeliveryTarget[]): Promise<number> {
  let sent = 0;
  for (const target of targets) {
    if (deps.stopped()) break;
    if (await deps.acks.get(incident.id, target.address.user?.aadObjectId ?? '')) continue;
    if (!(await deps.pacer.take(target.address.conversationId, deps.stopped))) break;
    try {
      await deps.messenger.send(target.address, personalNotice(incident, target.lang, target.address.user?.aadObjectId, undefined, deps.signer, true));
      sent += 1;
    } catch (error) {
      deps.logger.warn({ err: error, incidentId: incident.id, target: target.key }, 'reminder not delivered');
    }
  }
  deps.logger.info({ incidentId: incident.id, sent, planned: targets.length }, 'reminders sent');
  return sent;
}
