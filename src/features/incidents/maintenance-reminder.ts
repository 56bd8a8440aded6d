import type { KeyedLock } from '../../shared/keyed-lock.js';
import type { Logger } from '../../shared/logger.js';
import type { Messenger } from '../../shared/messaging.js';
import { deliveryId, type DeliveryEntry, type DeliveryStore, type DeliveryTarget, type IncidentStore } from './incident-store.js';
import { isMaintenance, type Maintenance } from './maintenance.js';
import { startReminder } from './maintenance-card.js';
import type { Pacer } from './pacer.js';

export interface StartReminderDeps {
  store: IncidentStore;
  deliveries: DeliveryStore;
  messenger: Messenger;
  pacer: Pacer;
  locks: KeyedLock;
  logger: Logger;
  stopped: () => boolean;
  /** Targets claimed per write of the maintenance record. */
  batch?: number;
}

const BATCH = 20;

/**
 * The short "maintenance has started" message, to everyone who had the notice before the start:
 * into the personal chat, and into the notice's thread in a channel. A new message because Teams
 * notifies of new messages but not of edits (the notice itself is edited in place as well). Sent
 * at most once per conversation: a batch of targets is claimed (the cursor saved on the
 * maintenance record) before it is sent, so a restart resumes after the last claimed batch; a
 * crash in the middle of a batch leaves at most that batch without the reminder, never doubled.
 */
export class StartReminders {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: StartReminderDeps) {}

  /** Starts sending a maintenance's reminders unless that is running already. */
  run(id: string): void {
    if (this.running.has(id) || this.deps.stopped()) return;
    const sending = this.send(id)
      .catch((error: unknown) => this.deps.logger.warn({ err: error, incidentId: id }, 'start reminders stopped; the next tick resumes them'))
      .finally(() => this.running.delete(id));
    this.running.set(id, sending);
  }

  /** Waits for the sends in flight (on close, after `stopped` turned true). */
  async settle(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  private async send(id: string): Promise<void> {
    let sent = 0;
    for (;;) {
      const claimed = await this.claim(id, sent);
      if (!claimed) break;
      sent = 0;
      // The batch's entries in one read (one query on a database), not one per conversation.
      const entries = new Map((await this.deps.deliveries.liveFor(id)).map((entry) => [entry.id, entry]));
      for (const target of claimed.targets) {
        if (this.deps.stopped()) return;
        if (await this.remind(claimed.item, target, entries.get(deliveryId(id, target.key)))) sent += 1;
      }
    }
  }

  /** The next batch, its claim saved first; undefined when all are claimed or the maintenance is no longer running. */
  private claim(id: string, sentBefore: number): Promise<{ item: Maintenance; targets: DeliveryTarget[] } | undefined> {
    return this.deps.locks.run('incidents:intake', async () => {
      const item = await this.deps.store.getLive(id);
      const reminder = item && isMaintenance(item) ? item.maintenance.reminder : undefined;
      if (!item || !isMaintenance(item) || !reminder) return undefined;
      const running = item.maintenance.phase === 'started' && !this.deps.stopped();
      const next = running ? Math.min(reminder.until, reminder.next + (this.deps.batch ?? BATCH)) : reminder.next;
      if (next === reminder.next && sentBefore === 0) return undefined;
      const saved: Maintenance = { ...item, maintenance: { ...item.maintenance, reminder: { ...reminder, next, sent: reminder.sent + sentBefore } } };
      await this.deps.store.save(saved);
      if (next === reminder.next) {
        this.deps.logger.info({ incidentId: id, sent: saved.maintenance.reminder?.sent, planned: reminder.until }, 'start reminders sent');
        return undefined;
      }
      return { item: saved, targets: ((await this.deps.store.broadcast(id))?.targets ?? []).slice(reminder.next, next) };
    });
  }

  /** One conversation that has the notice (not dropped); false when skipped or failed. */
  private async remind(item: Maintenance, target: DeliveryTarget, entry: DeliveryEntry | undefined): Promise<boolean> {
    if (!entry?.messageId || entry.state === 'dropped') return false;
    if (!(await this.deps.pacer.take(entry.address.conversationId, this.deps.stopped))) return false;
    try {
      await this.deps.messenger.send(entry.address, startReminder(item, target.lang));
      return true;
    } catch (error) {
      this.deps.logger.warn({ err: error, incidentId: item.id, target: target.key }, 'start reminder not delivered');
      return false;
    }
  }
}
