import type { Clock } from '../../shared/clock.js';
import type { Directory } from '../../shared/directory.js';
import type { DomainError } from '../../shared/errors.js';
import type { KeyedLock } from '../../shared/keyed-lock.js';
import type { Logger } from '../../shared/logger.js';
import type { Sender } from '../../shared/messaging.js';
import type { Case, CaseEvent, CaseMessage, Requester } from './case.js';
import { caseErrors } from './case-errors.js';
import { tallinnDayAndHour } from './case-labels.js';
import type { CaseNotifier } from './case-notifier.js';
import { CaseConflict, type CaseStore } from './case-store.js';
import { formatCaseNumber } from './case-number.js';
import { newCase, type CaseForm } from './new-case.js';
import { transition, type Actor, type CaseRules, type Role } from './transition.js';
import type { Text } from '../../shared/i18n.js';

const URGENT: Text = {
  et: '{who} 🚨 Uus kriitiline pöördumine {number}: palun võta see kohe ette.',
  en: '{who} 🚨 New critical case {number}: please take it now.',
};

export interface CaseServiceDeps {
  store: CaseStore;
  notifier: CaseNotifier;
  clock: Clock;
  logger: Logger;
  directory: Directory;
  isSpecialist: (aadObjectId: string | undefined) => boolean;
  rules: CaseRules;
  locks: KeyedLock;
}

/** A stale card: the loser of two clicks is told who decided first (the change after the card's version). */
function staleError(item: Case, expectedVersion: number): DomainError {
  const by = Number.isInteger(expectedVersion) && expectedVersion >= 0 ? item.history[expectedVersion]?.by.name : undefined;
  return by ? caseErrors.decidedBy(item.id, by) : caseErrors.stale(item.id);
}

/** How long the replica posting a case's channel card owns it before another may try (it died). */
export const CARD_LEASE_MS = 60_000;

/** A case whose channel card is still to be posted or updated, and that no replica is posting now. */
export function needsCard(item: Case, now: Date): boolean {
  if (item.status === 'closed' || (item.thread && !item.cardPending)) return false;
  return !item.cardLeaseUntil || Date.parse(item.cardLeaseUntil) <= now.getTime();
}

/** How often a change is tried again after losing a compare-and-set race before it gives up. */
const SAVE_ATTEMPTS = 5;

/**
 * Runs `attempt` (load, decide, save) again while its save loses a race: another replica saved
 * the case first. Each attempt reads afresh, so its checks (the card's version) see the winner.
 */
async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof CaseConflict) || tries >= SAVE_ATTEMPTS) throw error;
    }
  }
}

/**
 * Loads, decides (with the pure state machine), saves, and keeps the channel card current. The
 * keyed lock orders the turns of this process; across replicas each save is compare-and-set.
 */
export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  /** One case (or one requester's form) at a time, under the app's keyed lock. */
  private lock<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.deps.locks.run(`case:${key}`, work);
  }

  get store(): CaseStore {
    return this.deps.store;
  }

  /** The actor of a turn, from the authenticated sender; a specialist role is checked, not trusted. */
  actorOf(sender: Sender, role: Role): Actor {
    if (!sender.aadObjectId) throw caseErrors.noIdentity();
    if (role === 'specialist' && !this.deps.isSpecialist(sender.aadObjectId)) throw caseErrors.notSpecialist();
    return { aadObjectId: sender.aadObjectId, name: sender.name, role };
  }

  async open(sender: Sender, locale: string, form: CaseForm): Promise<{ item: Case; created: boolean }> {
    const actor = this.actorOf(sender, 'requester');
    return this.lock(`form:${actor.aadObjectId}`, async () => {
      const existing = form.formId ? (await this.deps.store.findOpenByRequester(actor.aadObjectId)).find((item) => item.formId === form.formId) : undefined;
      if (existing) return { item: existing, created: false };
      const now = this.deps.clock.now();
      const requester = await this.requesterOf(actor, locale);
      const draft = newCase('pending', form, requester, now, this.deps.rules);
      const year = Number(tallinnDayAndHour(now).day.slice(0, 4));
      // The lease keeps other replicas' schedulers from posting a second card while this one posts it.
      const cardLeaseUntil = new Date(now.getTime() + CARD_LEASE_MS).toISOString();
      const created = await this.deps.store.create(year, (sequence) => ({ ...draft, id: formatCaseNumber(year, sequence), cardLeaseUntil }));
      const id = created.id;
      const item = await this.lock(id, () => this.syncCard(created));
      this.deps.logger.info({ feature: 'cases', caseId: id, system: item.system, urgency: item.urgency }, 'case opened');
      return { item, created: true };
    });
  }

  private async requesterOf(actor: Actor, locale: string): Promise<Requester> {
    const requester: Requester = { aadObjectId: actor.aadObjectId, name: actor.name, locale };
    try {
      const person = await this.deps.directory.find(actor.aadObjectId);
      if (person?.department) requester.department = person.department;
      if (person?.jobTitle) requester.jobTitle = person.jobTitle;
      if (person?.name && !requester.name) requester.name = person.name;
    } catch (error) {
      this.deps.logger.warn({ err: error, feature: 'cases' }, 'the directory did not answer; the case goes without department');
    }
    return requester;
  }

  async load(number: string): Promise<Case> {
    const item = await this.deps.store.get(number);
    if (!item) throw caseErrors.notFound(number);
    return item;
  }

  /**
   * Applies an event. `expectedVersion` is the version the clicked card showed: a mismatch means
   * the card is stale (clicked twice, or the case moved on) and nothing changes.
   */
  async change(number: string, event: CaseEvent, actor: Actor, expectedVersion?: number): Promise<{ before: Case; after: Case }> {
    return this.lock(number, async () => {
      const { before, after } = await retryOnConflict(async () => {
        const read = await this.load(number);
        if (expectedVersion !== undefined && expectedVersion !== read.version) throw staleError(read, expectedVersion);
        const decided = transition(read, event, actor, this.deps.clock.now(), this.deps.rules);
        return { before: read, after: decided === read ? read : await this.deps.store.save(decided) };
      });
      if (after === before) return { before, after };
      this.deps.logger.info({ feature: 'cases', caseId: number, event: event.type, from: before.status, to: after.status }, 'case changed');
      return { before, after: after.status === 'closed' ? after : await this.syncCard(after) };
    });
  }

  /** Changes that are not transitions (a relayed message, a rating, a reminder sent). */
  async amend(number: string, edit: (item: Case) => Case | undefined, refreshCard = false): Promise<Case> {
    return this.lock(number, async () => {
      const saved = await retryOnConflict(async () => {
        const item = await this.load(number);
        if (item.status === 'closed') throw caseErrors.closed(number);
        const edited = edit(structuredClone(item));
        return edited ? this.deps.store.save(edited) : undefined;
      });
      if (!saved) return this.load(number);
      return refreshCard ? this.syncCard(saved) : saved;
    });
  }

  /**
   * Claims due work on a case for this replica: `edit` marks it taken (it returns undefined when
   * the fresh case needs nothing), saved compare-and-set on the revision just read. Of replicas
   * claiming at once one gets the case back, the others undefined (so they do nothing).
   */
  async claim(number: string, edit: (item: Case) => Case | undefined): Promise<Case | undefined> {
    return this.lock(number, () => this.claimLocked(number, edit));
  }

  private async claimLocked(number: string, edit: (item: Case) => Case | undefined): Promise<Case | undefined> {
    const item = await this.deps.store.get(number);
    const edited = item && item.status !== 'closed' ? edit(structuredClone(item)) : undefined;
    if (!edited) return undefined;
    try {
      return await this.deps.store.save(edited);
    } catch (error) {
      if (error instanceof CaseConflict) return undefined;
      throw error;
    }
  }

  async addMessage(number: string, message: Omit<CaseMessage, 'at'>): Promise<Case> {
    const at = this.deps.clock.now().toISOString();
    return this.amend(number, (item) => ({ ...item, messages: [...item.messages, { ...message, at }] }));
  }

  /** Posts or updates the channel card; remembers a failure for the scheduler. Call under the lock. */
  private async syncCard(item: Case): Promise<Case> {
    const result = await this.deps.notifier.showCard(item);
    const next = { ...item };
    // Posted (or failed and marked pending): the card is no longer being posted by this replica.
    delete next.cardLeaseUntil;
    if (typeof result === 'object') next.thread = result;
    // A new critical case calls the desk in its thread, so Teams notifies them at once.
    if (typeof result === 'object' && !item.thread && item.urgency === 'critical') await this.deps.notifier.callDesk(next, URGENT, { number: item.id });
    if (result === false) next.cardPending = true;
    else delete next.cardPending;
    if (next.thread === item.thread && next.cardPending === item.cardPending && !item.cardLeaseUntil) return next;
    try {
      return await this.deps.store.save(next);
    } catch (error) {
      if (!(error instanceof CaseConflict)) throw error;
      // Another replica changed the case meanwhile: keep its change and add where the card is.
      return retryOnConflict(async () => {
        const current = await this.load(item.id);
        if (current.status === 'closed') return current;
        const merged: Case = { ...current, ...(next.thread ? { thread: next.thread } : {}) };
        delete merged.cardLeaseUntil;
        if (next.cardPending) merged.cardPending = true;
        else delete merged.cardPending;
        return this.deps.store.save(merged);
      });
    }
  }

  /**
   * Retries cards that could not be posted (the channel was unknown) or updated. Each is claimed
   * first (a lease on the case, compare-and-set), so of replicas ticking at once one posts it.
   */
  async retryCards(now: Date = this.deps.clock.now()): Promise<void> {
    const cardLeaseUntil = new Date(now.getTime() + CARD_LEASE_MS).toISOString();
    for (const item of await this.deps.store.listOpen()) {
      if (!needsCard(item, now)) continue;
      await this.lock(item.id, async () => {
        const claimed = await this.claimLocked(item.id, (current) => (needsCard(current, now) ? { ...current, cardLeaseUntil } : undefined));
        if (claimed) await this.syncCard(claimed);
      });
    }
  }
}
