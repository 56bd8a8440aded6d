import type { ConversationAddress } from '../../shared/messaging.js';

export const CASE_SYSTEMS = ['SKAIS', 'STAR', 'other'] as const;
export const CASE_KINDS = ['usage', 'data', 'broken', 'access', 'other'] as const;
export const URGENCIES = ['critical', 'high', 'normal', 'low'] as const;
export const CASE_STATUSES = ['new', 'in_progress', 'waiting_for_user', 'escalated', 'resolved', 'closed'] as const;

export type CaseSystem = (typeof CASE_SYSTEMS)[number];
export type CaseKind = (typeof CASE_KINDS)[number];
export type Urgency = (typeof URGENCIES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A person as the case remembers them: the authenticated id and the name Teams gave. */
export interface Person {
  aadObjectId: string;
  name: string;
}

export interface Requester extends Person {
  department?: string;
  jobTitle?: string;
  /** The locale of their last message, for proactive messages in their language. */
  locale?: string;
}

export interface Escalation {
  /** A domain specialist of the development unit, or a named third party such as the vendor. */
  to: 'specialist' | 'third_party';
  name: string;
  reference?: string;
  /** The text handed to whoever the case went to; personal codes masked for third parties. */
  summary: string;
}

export interface Resolution {
  text: string;
  draftArticle?: string;
}

/** One recorded change: a status transition or a handoff event, with who and when. */
export interface HistoryEntry {
  /** `retention`: the case's texts were masked when its retention time had passed. */
  event: CaseEvent['type'] | 'open' | 'retention';
  from: CaseStatus;
  to: CaseStatus;
  by: Person;
  at: string;
}

/** A message of the relay between requester and specialist, kept with the case. */
export interface CaseMessage {
  from: 'requester' | 'specialist';
  by: Person;
  text: string;
  at: string;
}

export interface Handoff {
  specialist: Person;
  startedAt: string;
}

/** Where the case's card lives in the specialists' channel. */
export interface CaseThread {
  address: ConversationAddress;
  messageId: string;
}

export interface Case {
  /** The case number, e.g. `TUGI-2026-00042`; also the store id. */
  id: string;
  /** How many entries the history has; buttons carry it, so a stale card is refused. */
  version: number;
  /**
   * How many times the case was stored, set by the store: a save names the revision it read, so
   * of two replicas changing the same case at once one wins (compare-and-set). Absent in cases
   * written before issue 13.
   */
  revision?: number;
  status: CaseStatus;
  requester: Requester;
  system: CaseSystem;
  kind: CaseKind;
  urgency: Urgency;
  description: string;
  question?: string;
  /** Ids of the articles the bot showed before the case was opened. */
  shownArticles: string[];
  /** The id of the form that opened the case, so a second submit of the same form opens nothing. */
  formId?: string;
  openedAt: string;
  dueAt: string;
  assignee?: Person;
  escalation?: Escalation;
  waitingFor?: string;
  resolution?: Resolution;
  resolvedAt?: string;
  closedAt?: string;
  /** When the texts were masked after `CASE_RETENTION_DAYS` (personal codes no longer kept). */
  maskedAt?: string;
  rating?: number;
  handoff?: Handoff;
  thread?: CaseThread;
  /** The channel card could not be posted or updated; the scheduler tries again. */
  cardPending?: boolean;
  /**
   * Until when (ISO time) one replica is posting the channel card (opening the case, or retrying
   * it): the others' schedulers leave the card alone meanwhile. After it, the card is due again.
   */
  cardLeaseUntil?: string;
  reminders: { nearing?: boolean; overdue?: boolean };
  history: HistoryEntry[];
  messages: CaseMessage[];
}

/** What can happen to a case. The actor travels beside the event, from the authenticated activity. */
export type CaseEvent =
  | { type: 'take' }
  | { type: 'escalate'; escalation: Escalation }
  | { type: 'wait_for_user'; note: string }
  | { type: 'user_replied' }
  | { type: 'resolve'; resolution: Resolution }
  | { type: 'reopen' }
  | { type: 'close' }
  | { type: 'handoff_start' }
  /** `startedAt`: the chat an "end chat" button belongs to; a button of an earlier chat ends nothing. */
  | { type: 'handoff_end'; startedAt?: string };

/** Cases still being worked on: they have a due time and show in the specialists' lists. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['new', 'in_progress', 'waiting_for_user', 'escalated'];

export function isActive(item: Case): boolean {
  return ACTIVE_STATUSES.includes(item.status);
}
