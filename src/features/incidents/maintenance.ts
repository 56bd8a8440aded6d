import { DomainError } from '../../shared/errors.js';
import type { Incident, IncidentActor } from './incident.js';
import { bumpIncident } from './monitoring-intake.js';

/** When the notice goes out, before the start: the choices on the form. */
export const LEADS = ['72h', '24h', '2h', 'now'] as const;
export type Lead = (typeof LEADS)[number];
const LEAD_MS: Record<Lead, number> = { '72h': 72 * 3600_000, '24h': 24 * 3600_000, '2h': 2 * 3600_000, now: Number.POSITIVE_INFINITY };

/**
 * Where a planned maintenance stands. `scheduled`: nobody has been told yet; `announced`: the
 * notice is out; `started`: it runs (people got a short reminder); `ended`: it resolved itself at
 * the end; `cancelled`: a specialist cancelled it before the start.
 */
export const PHASES = ['scheduled', 'announced', 'started', 'ended', 'cancelled'] as const;
export type MaintenancePhase = (typeof PHASES)[number];

/** The start reminder's progress over the audience, claimed in batches (see maintenance-reminder.ts). */
export interface StartReminder {
  at: string;
  /** Targets [0, until) had the notice before the start; later ones got it already saying "started". */
  until: number;
  /** The next target index not yet claimed. */
  next: number;
  sent: number;
}

/** A planned maintenance: an incident of kind `maintenance` (start in `startsAt`, end in `expectedEnd`) with this plan. */
export interface MaintenancePlan {
  lead: Lead;
  announceAt: string;
  phase: MaintenancePhase;
  plannedBy: { name?: string; aadObjectId?: string };
  announcedAt?: string;
  startedAt?: string;
  endedAt?: string;
  cancelled?: { at: string; name?: string };
  extended?: { at: string; name?: string; previousEnd: string };
  reminder?: StartReminder;
}

export type Maintenance = Incident & { kind: 'maintenance'; maintenance: MaintenancePlan; expectedEnd: string; startsAt: string };

export const isMaintenance = (incident: Incident): incident is Maintenance => incident.kind === 'maintenance' && incident.maintenance !== undefined;

/** The bot itself, acting on a maintenance's times. */
export const SCHEDULE: IncidentActor = { source: 'schedule' };

export const MAINTENANCE_END_BEFORE_START = new DomainError('MAINTENANCE_END_BEFORE_START', {
  et: 'Hoolduse lõpp peab olema pärast algust.',
  en: 'The maintenance must end after it starts.',
});
export const MAINTENANCE_START_PAST = new DomainError('MAINTENANCE_START_PAST', {
  et: 'Hoolduse algus on juba möödas. Palun vali algus tulevikus.',
  en: 'The start of the maintenance is already in the past. Please choose a start in the future.',
});
export const MAINTENANCE_NOT_LATER = new DomainError('MAINTENANCE_NOT_LATER', {
  et: 'Uus lõpp peab olema hilisem kui praegune lõpp ({end}) ja tulevikus.',
  en: 'The new end must be later than the current end ({end}) and in the future.',
});
export const MAINTENANCE_OVER = new DomainError('MAINTENANCE_OVER', {
  et: 'See hooldus on juba lõppenud või tühistatud ja seda ei saa enam muuta.',
  en: 'This maintenance has already ended or been cancelled and can no longer be changed.',
});
export const MAINTENANCE_STARTED = new DomainError('MAINTENANCE_STARTED', {
  et: 'See hooldus on juba alanud, seega seda tühistada ei saa. Vajadusel pikenda seda või lase sel lõppeda.',
  en: 'This maintenance has already started, so it cannot be cancelled. Extend it if needed, or let it end.',
});

/** `uuenda teadet` and the incident form are for incidents: a maintenance changes only through its own buttons. */
export const MAINTENANCE_NOT_AN_INCIDENT = new DomainError('MAINTENANCE_NOT_AN_INCIDENT', {
  et: 'See on planeeritud hooldus. Selle lõppu saab muuta nupuga „Pikenda“ ja enne algust saab selle tühistada nupuga „Tühista“ (käsk „rikked“ näitab mõlemat).',
  en: 'This is planned maintenance. Change its end with "Extend", or cancel it before the start with "Cancel" (the "incidents" command shows both).',
});

/** The announce time for a start and lead: never before now ("now", or a lead that has already passed). */
export function announceAtFor(startsAt: Date, lead: Lead, now: Date): Date {
  const at = startsAt.getTime() - LEAD_MS[lead];
  return new Date(Math.max(at, now.getTime()));
}

/** Start after now, end after start; the errors say which rule was broken, in both languages. */
export function checkTimes(startsAt: Date, endsAt: Date, now: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw MAINTENANCE_END_BEFORE_START;
  if (startsAt.getTime() <= now.getTime()) throw MAINTENANCE_START_PAST;
}

const RANK: Record<MaintenancePhase, number> = { scheduled: 0, announced: 1, started: 2, ended: 3, cancelled: 3 };

/** The phase a maintenance's times call for at `now` (before cancellation). */
export function duePhase(item: Maintenance, now: Date): MaintenancePhase {
  const at = now.getTime();
  if (at >= Date.parse(item.expectedEnd)) return 'ended';
  if (at >= Date.parse(item.startsAt)) return 'started';
  if (at >= Date.parse(item.maintenance.announceAt)) return 'announced';
  return 'scheduled';
}

export interface MaintenanceStep {
  incident: Maintenance;
  /** People are told (the notice is sent or edited in place). */
  tell: boolean;
  /** The short start reminder goes to those who had the notice before the start. */
  remind: boolean;
}

const withPlan = (item: Maintenance, plan: Partial<MaintenancePlan>): MaintenancePlan => ({ ...item.maintenance, ...plan });

/**
 * What the clock does to a maintenance (pure), once per phase: announce, start, end. Phases the
 * bot slept through are skipped, so people get one message saying how things are now: a notice
 * due before a start already passed goes out saying "started" (no separate reminder), and a
 * maintenance that was never announced and is already over tells nobody.
 */
export function advanceMaintenance(item: Maintenance, now: Date): MaintenanceStep | undefined {
  const current = item.maintenance.phase;
  const due = duePhase(item, now);
  if (current === 'cancelled' || current === 'ended' || RANK[due] <= RANK[current]) return undefined;
  const at = now.toISOString();
  if (current === 'scheduled' && due === 'ended') {
    const incident = { ...item, status: 'resolved' as const, resolvedAt: at, updatedAt: at, stage: 'withdrawn' as const, maintenance: withPlan(item, { phase: 'ended', endedAt: at }) };
    return { incident, tell: false, remind: false };
  }
  const stamp: Partial<MaintenancePlan> = due === 'announced' ? { announcedAt: at } : due === 'started' ? { startedAt: at } : { endedAt: at };
  if (current === 'scheduled') stamp.announcedAt = at;
  const changes = { stage: 'published' as const, status: due === 'ended' ? 'resolved' as const : item.status, maintenance: withPlan(item, { ...stamp, phase: due }) };
  return { incident: bumpIncident(item, changes, now, SCHEDULE) as Maintenance, tell: true, remind: due === 'started' && current === 'announced' };
}

/** A new end, later than the current one and than now; only while the maintenance is not over. */
export function extendMaintenance(item: Maintenance, endsAt: Date, now: Date, by: IncidentActor, shownEnd: string): { incident: Maintenance; tell: boolean } {
  if (item.status === 'resolved') throw MAINTENANCE_OVER;
  if (endsAt.getTime() <= Date.parse(item.expectedEnd) || endsAt.getTime() <= now.getTime()) throw new DomainError(MAINTENANCE_NOT_LATER.code, MAINTENANCE_NOT_LATER.userText, { end: shownEnd });
  const maintenance = withPlan(item, { extended: { at: now.toISOString(), name: by.name, previousEnd: item.expectedEnd } });
  const incident = bumpIncident(item, { expectedEnd: endsAt.toISOString(), maintenance }, now, by) as Maintenance;
  return { incident, tell: item.maintenance.phase !== 'scheduled' };
}

/** Cancelled before the start: an announced notice is edited in place as cancelled; an unannounced one tells nobody. */
export function cancelMaintenance(item: Maintenance, now: Date, by: IncidentActor): { incident: Maintenance; tell: boolean } {
  if (item.status === 'resolved') throw MAINTENANCE_OVER;
  if (item.maintenance.phase === 'started' || now.getTime() >= Date.parse(item.startsAt)) throw MAINTENANCE_STARTED;
  const tell = item.maintenance.phase === 'announced';
  const maintenance = withPlan(item, { phase: 'cancelled', cancelled: { at: now.toISOString(), name: by.name } });
  const incident = bumpIncident(item, { status: 'resolved', maintenance, ...(tell ? {} : { stage: 'withdrawn' as const }) }, now, by) as Maintenance;
  return { incident, tell };
}
