import type { Clock } from '../../shared/clock.js';
import type { KeyedLock } from '../../shared/keyed-lock.js';
import type { Logger } from '../../shared/logger.js';
import { showTime } from '../../shared/tallinn-time.js';
import { followedSystemsOf, openIncident, type IncidentActor } from './incident.js';
import { CANCELLED, INCIDENT_NOT_FOUND, NOTICE_TEXT_MISSING, newIncidentId, type IncidentService, type NoticeTexts } from './incident-service.js';
import type { IncidentStore, ReceiptStore } from './incident-store.js';
import { advanceMaintenance, announceAtFor, cancelMaintenance, checkTimes, extendMaintenance, isMaintenance, type Maintenance } from './maintenance.js';
import type { MaintenanceDraft } from './maintenance-form.js';
import { widenAudience } from './plan-audience.js';

export interface PlannerDeps {
  store: IncidentStore;
  receipts: ReceiptStore;
  service: Pick<IncidentService, 'audienceFor'>;
  locks: KeyedLock;
  clock: Clock;
  logger: Logger;
  /** Tells the delivery worker there is something to send. */
  wake: () => void;
  /** A maintenance has started: send (or resume) its start reminders. */
  remind: (id: string) => void;
}

export type PlanOutcome = { outcome: 'planned'; item: Maintenance } | { outcome: 'already' | 'alreadyCancelled'; id: string; by?: string };

/** Decisions share the incidents' intake lock: a click, a tick and a webhook never interleave. */
const LOCK = 'incidents:intake';

const clean = (value: string | undefined, max: number) => (value?.trim() && value.trim().length <= max ? value.trim() : undefined);

/**
 * Planned maintenance over the incident machinery: a maintenance is an incident of kind
 * `maintenance` that stays a draft (nobody told) until its announce time; each scheduler tick moves
 * it on (announce, start, end: see advanceMaintenance), saving the phase before the outbox is woken,
 * so each step runs once and a restart resumes from what was saved.
 */
export class MaintenancePlanner {
  constructor(private readonly deps: PlannerDeps) {}

  /** "Confirm" on the preview: once per draft (the preview's "Cancel" shares the receipt key). */
  plan(draft: MaintenanceDraft, texts: NoticeTexts, by: IncidentActor, draftId: string): Promise<PlanOutcome> {
    const title = clean(texts.title, 200);
    const description = clean(texts.description, 4000);
    if (!title || !description) throw NOTICE_TEXT_MISSING;
    return this.deps.locks.run(LOCK, async () => {
      const key = `teams:${draftId}`;
      const receipt = await this.deps.receipts.get(key);
      if (receipt) return { outcome: receipt.answer.status === CANCELLED ? 'alreadyCancelled' as const : 'already' as const, id: receipt.answer.id, by: receipt.by };
      const now = this.deps.clock.now();
      const startsAt = new Date(draft.startsAt);
      checkTimes(startsAt, new Date(draft.endsAt), now);
      const content = { systems: draft.systems, severity: 'minor' as const, status: 'identified' as const, title, description, titleEn: clean(texts.titleEn, 200), descriptionEn: clean(texts.descriptionEn, 4000), startsAt: draft.startsAt, expectedEnd: draft.endsAt };
      const opened = openIncident(content, { id: newIncidentId(now, 'HOOLDUS'), now, by });
      const item: Maintenance = {
        ...opened, startsAt: draft.startsAt, expectedEnd: draft.endsAt, stage: 'draft', kind: 'maintenance',
        maintenance: { lead: draft.lead, announceAt: announceAtFor(startsAt, draft.lead, now).toISOString(), phase: 'scheduled', plannedBy: { name: by.name, aadObjectId: by.aadObjectId } },
      };
      await this.deps.store.save(item);
      await this.deps.receipts.put({ id: key, bodyHash: 'maintenance', answer: { id: item.id, ref: item.ref, status: 'scheduled' }, at: now.toISOString(), by: by.name });
      this.deps.logger.info({ incidentId: item.id, announceAt: item.maintenance.announceAt, startsAt: item.startsAt, endsAt: item.expectedEnd }, 'maintenance planned');
      return { outcome: 'planned' as const, item: (await this.step(item, now)) ?? item };
    });
  }

  /** A specialist moves the end later; a notice already out is edited in place. */
  extend(id: string, endsAt: Date, by: IncidentActor): Promise<Maintenance> {
    return this.deps.locks.run(LOCK, async () => {
      const item = await this.find(id);
      const { incident, tell } = extendMaintenance(item, endsAt, this.deps.clock.now(), by, showTime(item.expectedEnd) ?? '');
      await this.save(incident, tell);
      this.deps.logger.info({ incidentId: id, endsAt: incident.expectedEnd }, 'maintenance extended');
      return incident;
    });
  }

  /** A specialist cancels before the start; a notice already out is edited in place as cancelled. */
  cancel(id: string, by: IncidentActor): Promise<{ item: Maintenance; told: boolean }> {
    return this.deps.locks.run(LOCK, async () => {
      const { incident, tell } = cancelMaintenance(await this.find(id), this.deps.clock.now(), by);
      await this.save(incident, tell);
      this.deps.logger.info({ incidentId: id, told: tell }, 'maintenance cancelled');
      return { item: incident, told: tell };
    });
  }

  /** Moves every live maintenance on to the phase its times call for; resumes start reminders left unfinished. */
  async tick(now: Date): Promise<void> {
    for (const incident of await this.deps.store.live()) {
      if (!isMaintenance(incident) || incident.status === 'resolved') continue;
      await this.deps.locks.run(LOCK, async () => {
        const latest = await this.deps.store.getLive(incident.id);
        if (latest && isMaintenance(latest)) await this.step(latest, now);
      });
      const latest = await this.deps.store.getLive(incident.id);
      const reminder = latest && isMaintenance(latest) ? latest.maintenance.reminder : undefined;
      if (latest && isMaintenance(latest) && latest.maintenance.phase === 'started' && reminder && reminder.next < reminder.until) this.deps.remind(latest.id);
    }
  }

  /** Open maintenance by start; `all` includes those not announced yet (for the desk). */
  async upcoming(all: boolean): Promise<Maintenance[]> {
    return (await this.deps.store.live())
      .filter(isMaintenance)
      .filter((item) => item.status !== 'resolved' && (all || item.maintenance.phase !== 'scheduled'))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  /** Maintenance in progress touching any of `systems` (as `openFor` matches incidents). */
  async runningFor(systems: readonly string[]): Promise<Maintenance[]> {
    const wanted = followedSystemsOf(systems);
    return (await this.upcoming(false)).filter((item) => item.maintenance.phase === 'started' && followedSystemsOf(item.systems).some((system) => wanted.includes(system)));
  }

  private async find(id: string): Promise<Maintenance> {
    const item = await this.deps.store.getLive(id);
    if (!item || !isMaintenance(item)) throw INCIDENT_NOT_FOUND;
    return item;
  }

  /** One step, under the lock: the phase is saved (with the audience when people are told) before the outbox wakes. */
  private async step(item: Maintenance, now: Date): Promise<Maintenance | undefined> {
    const step = advanceMaintenance(item, now);
    if (!step) return undefined;
    let incident = step.incident;
    if (step.remind) {
      const until = (await this.deps.store.broadcast(item.id))?.targets.length ?? 0;
      incident = { ...incident, maintenance: { ...incident.maintenance, reminder: { at: now.toISOString(), until, next: 0, sent: 0 } } };
    }
    await this.save(incident, step.tell);
    this.deps.logger.info({ incidentId: item.id, phase: incident.maintenance.phase, version: incident.version }, 'maintenance moved on');
    if (step.remind) this.deps.remind(item.id);
    return incident;
  }

  /** Saves; when people are told, the audience first (widened as for any notice), then the incident, then wakes the outbox. */
  private async save(incident: Maintenance, tell: boolean): Promise<void> {
    if (tell) {
      const current = await this.deps.store.broadcast(incident.id);
      const { targets } = widenAudience(current?.targets ?? [], await this.deps.service.audienceFor(incident.systems));
      await this.deps.store.saveBroadcast({ ...current, id: incident.id, targets });
    }
    await this.deps.store.save(incident);
    if (tell) this.deps.wake();
  }
}
