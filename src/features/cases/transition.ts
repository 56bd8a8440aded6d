import type { Case, CaseEvent, CaseStatus, Person, Urgency } from './case.js';
import { caseErrors } from './case-errors.js';
import { EVENT_LABELS, STATUS_LABELS } from './case-labels.js';

export type Role = 'specialist' | 'requester' | 'system';

export interface Actor extends Person {
  role: Role;
}

export interface CaseRules {
  reopenDays: number;
  dueHours: Readonly<Record<Urgency, number>>;
}

/** Where each event may start from; anything else is an illegal transition. */
const ALLOWED_FROM: Record<CaseEvent['type'], readonly CaseStatus[]> = {
  take: ['new', 'in_progress', 'waiting_for_user', 'escalated'],
  escalate: ['new', 'in_progress', 'waiting_for_user'],
  wait_for_user: ['in_progress', 'escalated'],
  user_replied: ['waiting_for_user'],
  resolve: ['new', 'in_progress', 'waiting_for_user', 'escalated'],
  reopen: ['resolved'],
  close: ['resolved'],
  handoff_start: ['new', 'in_progress', 'waiting_for_user', 'escalated'],
  handoff_end: ['new', 'in_progress', 'waiting_for_user', 'escalated', 'resolved'],
};

/** Who may cause each event. */
const ROLES: Record<CaseEvent['type'], readonly Role[]> = {
  take: ['specialist'],
  escalate: ['specialist'],
  wait_for_user: ['specialist'],
  user_replied: ['requester', 'system'],
  resolve: ['specialist'],
  reopen: ['requester'],
  close: ['requester', 'system'],
  handoff_start: ['specialist'],
  handoff_end: ['requester', 'specialist', 'system'],
};

export function dueAtFor(urgency: Urgency, from: Date, rules: CaseRules): string {
  return new Date(from.getTime() + rules.dueHours[urgency] * 3_600_000).toISOString();
}

function checkAllowed(item: Case, event: CaseEvent, actor: Actor): void {
  if (item.status === 'closed') throw caseErrors.closed(item.id);
  if (!ROLES[event.type].includes(actor.role)) {
    throw actor.role === 'requester' ? caseErrors.notSpecialist() : caseErrors.notRequester(item.id);
  }
  if (actor.role === 'requester' && actor.aadObjectId.toLowerCase() !== item.requester.aadObjectId.toLowerCase()) {
    throw caseErrors.notRequester(item.id);
  }
  if (!ALLOWED_FROM[event.type].includes(item.status)) throw caseErrors.illegal(item.id, EVENT_LABELS[event.type], STATUS_LABELS[item.status]);
}

/** The changed fields an event makes, before the history entry is added. */
function apply(item: Case, event: CaseEvent, actor: Actor, now: Date, rules: CaseRules): Partial<Case> {
  const person: Person = { aadObjectId: actor.aadObjectId, name: actor.name };
  switch (event.type) {
    case 'take':
      if (item.status === 'in_progress' && item.assignee?.aadObjectId === actor.aadObjectId) throw caseErrors.alreadyYours(item.id);
      return { status: 'in_progress', assignee: person, waitingFor: undefined };
    case 'escalate':
      return { status: 'escalated', escalation: event.escalation, assignee: item.assignee ?? person };
    case 'wait_for_user':
      return { status: 'waiting_for_user', waitingFor: event.note };
    case 'user_replied':
      return { status: 'in_progress', waitingFor: undefined };
    case 'resolve':
      return { status: 'resolved', resolution: event.resolution, resolvedAt: now.toISOString(), assignee: item.assignee ?? person, handoff: undefined, waitingFor: undefined };
    case 'reopen': {
      const resolvedAt = Date.parse(item.resolvedAt ?? item.openedAt);
      if (now.getTime() - resolvedAt > rules.reopenDays * 86_400_000) throw caseErrors.reopenExpired(item.id, rules.reopenDays);
      return {
        status: item.assignee ? 'in_progress' : 'new', resolution: undefined, resolvedAt: undefined, rating: undefined,
        dueAt: dueAtFor(item.urgency, now, rules), reminders: {},
      };
    }
    case 'close':
      return { status: 'closed', closedAt: now.toISOString(), handoff: undefined };
    case 'handoff_start':
      if (item.handoff && item.handoff.specialist.aadObjectId !== actor.aadObjectId) throw caseErrors.handoffBusy(item.id, item.handoff.specialist.name);
      return {
        handoff: { specialist: person, startedAt: now.toISOString() },
        ...(item.status === 'new' ? { status: 'in_progress' as const, assignee: person } : {}),
      };
    case 'handoff_end':
      if (!item.handoff) throw caseErrors.noHandoff();
      if (event.startedAt !== undefined && event.startedAt !== item.handoff.startedAt) throw caseErrors.chatOver();
      return { handoff: undefined };
  }
}

/**
 * The case state machine: a new case with the event applied and recorded (who, when, from, to),
 * or a DomainError for an event the case's status or the actor's role does not allow. No I/O.
 */
export function transition(item: Case, event: CaseEvent, actor: Actor, now: Date, rules: CaseRules): Case {
  checkAllowed(item, event, actor);
  if (event.type === 'handoff_start' && item.handoff?.specialist.aadObjectId === actor.aadObjectId) return item;
  const changes = apply(item, event, actor, now, rules);
  const next: Case = { ...item, ...changes };
  next.history = [...item.history, { event: event.type, from: item.status, to: next.status, by: { aadObjectId: actor.aadObjectId, name: actor.name }, at: now.toISOString() }];
  next.version = next.history.length;
  for (const key of Object.keys(next) as Array<keyof Case>) if (next[key] === undefined) delete next[key];
  return next;
}
