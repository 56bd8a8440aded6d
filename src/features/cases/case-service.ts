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
import type { CaseStore } from './case-store.js';
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

/** Loads, decides (with the pure state machine), saves, and keeps the channel card current. */
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
      const existing = form.formId ? this.deps.store.findOpenByRequester(actor.aadObjectId).find((item) => item.formId === form.formId) : undefined;
      if (existing) return { item: existing, created: false };
      const now = this.deps.clock.now();
      const requester = await this.requesterOf(actor, locale);
      const draft = newCase('pending', form, requester, now, this.deps.rules);
      const id = await this.deps.store.nextNumber(Number(tallinnDayAndHour(now).day.slice(0, 4)));
      const item = await this.lock(id, async () => {
        const created = { ...draft, id };
        await this.deps.store.save(created);
        return this.syncCard(created);
      });
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
      const before = await this.load(number);
      if (expectedVersion !== undefined && expectedVersion !== before.version) throw staleError(before, expectedVersion);
      const after = transition(before, event, actor, this.deps.clock.now(), this.deps.rules);
      if (after === before) return { before, after };
      await this.deps.store.save(after);
      this.deps.logger.info({ feature: 'cases', caseId: number, event: event.type, from: before.status, to: after.status }, 'case changed');
      return { before, after: after.status === 'closed' ? after : await this.syncCard(after) };
    });
  }

  /** Changes that are not transitions (a relayed message, a rating, a reminder sent). */
  async amend(number: string, edit: (item: Case) => Case | undefined, refreshCard = false): Promise<Case> {
    return this.lock(number, async () => {
      const item = await this.load(number);
      if (item.status === 'closed') throw caseErrors.closed(number);
      const edited = edit(structuredClone(item));
      if (!edited) return item;
      await this.deps.store.save(edited);
      return refreshCard ? this.syncCard(edited) : edited;
    });
  }

  async addMessage(number: string, message: Omit<CaseMessage, 'at'>): Promise<Case> {
    const at = this.deps.clock.now().toISOString();
    return this.amend(number, (item) => ({ ...item, messages: [...item.messages, { ...message, at }] }));
  }

  /** Posts or updates the channel card; remembers a failure for the scheduler. Call under the lock. */
  private async syncCard(item: Case): Promise<Case> {
    const result = await this.deps.notifier.showCard(item);
    const next = { ...item };
    if (typeof result === 'object') next.thread = result;
    // A new critical case calls the desk in its thread, so Teams notifies them at once.
    if (typeof result === 'object' && !item.thread && item.urgency === 'critical') await this.deps.notifier.callDesk(next, URGENT, { number: item.id });
    if (result === false) next.cardPending = true;
    else delete next.cardPending;
    if (next.thread !== item.thread || next.cardPending !== item.cardPending) await this.deps.store.save(next);
    return next;
  }

  /** Retries cards that could not be posted (the channel was unknown) or updated. */
  async retryCards(): Promise<void> {
    for (const item of this.deps.store.listOpen()) {
      if (item.thread && !item.cardPending) continue;
      await this.lock(item.id, async () => {
        const current = await this.deps.store.get(item.id);
        if (current && current.status !== 'closed' && (!current.thread || current.cardPending)) await this.syncCard(current);
      });
    }
  }
}
