import { DomainError } from '../../shared/errors.js';
import type { MaintenancePlan } from './maintenance.js';
import type { NoticeAudience } from './audience.js';

export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
/** The systems people can follow; any other system (a module, a third party) counts as `other`. */
export const FOLLOWABLE = ['SKAIS', 'STAR', 'other'] as const;

export type Severity = (typeof SEVERITIES)[number];
export type IncidentStatus = (typeof STATUSES)[number];
export type FollowedSystem = (typeof FOLLOWABLE)[number];

/** What monitoring or a specialist says about an incident: the intake's input. */
export interface IncidentContent {
  systems: string[];
  severity: Severity;
  status: IncidentStatus;
  title: string;
  description: string;
  titleEn?: string;
  descriptionEn?: string;
  startsAt?: string;
  expectedEnd?: string;
  /** People targeted by department, job title or Entra group; without it, everyone who follows the systems. */
  audience?: NoticeAudience;
}

/** Who changed an incident: monitoring (by channel) or a specialist (by Entra object id). */
export interface IncidentActor {
  /** `schedule`: the bot itself, at a planned maintenance's times. */
  source: 'webhook' | 'alertmanager' | 'teams' | 'schedule';
  aadObjectId?: string;
  name?: string;
}

export interface IncidentRevision {
  version: number;
  at: string;
  status: IncidentStatus;
  description: string;
  by: IncidentActor;
}

/**
 * Where a notice stands with the desk. Monitoring's alerts open as a `draft` that only the
 * specialists' channel sees; a specialist (or an operator's auto-publish rule) publishes it; a draft
 * whose alert resolves before that is `withdrawn`. Incidents without a stage (drafted by a
 * specialist, or stored before stages existed) are published.
 */
export type NoticeStage = 'draft' | 'published' | 'withdrawn';

/** What monitoring sent, for the desk only: never part of what people are told. */
export interface AlertDetails {
  source: 'webhook' | 'alertmanager';
  status: string;
  severity: Severity;
  summary: string;
  description: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  hosts: string[];
  startsAt?: string;
  receivedAt: string;
}

export interface Incident extends IncidentContent {
  id: string;
  /** Monitoring's own id; the same ref updates the same (open) incident. */
  ref: string;
  /** Grows by one with every change people are told about. */
  version: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
  history: IncidentRevision[];
  stage?: NoticeStage;
  /** Monitoring's alert as last received (desk only). */
  alert?: AlertDetails;
  /** Who published a draft: a specialist, or the operator's rule (`auto`). */
  publishedBy?: { at: string; name?: string; aadObjectId?: string; auto?: boolean };
  /** A planned maintenance (see maintenance.ts); absent for an incident. */
  kind?: 'maintenance';
  maintenance?: MaintenancePlan;
  /** Set by the store on every save: 1 for the first, then +1 (none stored: 0). Replicas decide compare-and-set on it (IncidentStore.saveIf). */
  revision?: number;
}

/** A notice people may be told about: anything but a draft or a withdrawn draft. */
export const isPublished = (incident: Pick<Incident, 'stage'>): boolean => incident.stage === undefined || incident.stage === 'published';

export const INCIDENT_RESOLVED = new DomainError('INCIDENT_RESOLVED', {
  et: 'See rike on juba lahendatuks märgitud ja seda ei saa enam muuta.',
  en: 'This incident is already resolved and can no longer be changed.',
});

/** The system a module belongs to: `SKAIS`, `STAR` or `other` (`SKAIS/pensionid` -> `SKAIS`). */
export function followedSystemOf(system: string): FollowedSystem {
  const head = system.trim().split(/[\s/:.\-_]/)[0].toUpperCase();
  return head === 'SKAIS' || head === 'STAR' ? head : 'other';
}

export function followedSystemsOf(systems: readonly string[]): FollowedSystem[] {
  return [...new Set(systems.map(followedSystemOf))];
}

function revision(incident: Pick<Incident, 'version' | 'status' | 'description'>, at: string, by: IncidentActor): IncidentRevision {
  return { version: incident.version, at, status: incident.status, description: incident.description, by };
}

/** A new incident at version 1. */
export function openIncident(content: IncidentContent, meta: { id: string; ref?: string; now: Date; by: IncidentActor }): Incident {
  const at = meta.now.toISOString();
  const incident: Incident = {
    ...content,
    systems: [...new Set(content.systems)],
    id: meta.id,
    ref: meta.ref ?? meta.id,
    version: 1,
    createdAt: at,
    updatedAt: at,
    startsAt: content.startsAt ?? at,
    history: [],
  };
  if (content.status === 'resolved') incident.resolvedAt = at;
  incident.history.push(revision(incident, at, meta.by));
  return incident;
}

const COMPARED: Array<keyof IncidentContent> = ['severity', 'status', 'title', 'description', 'titleEn', 'descriptionEn', 'startsAt', 'expectedEnd'];

/** True when `content` would change what people were told. */
export function differsFrom(incident: Incident, content: IncidentContent): boolean {
  if ([...new Set(content.systems)].sort().join('|') !== [...incident.systems].sort().join('|')) return true;
  return COMPARED.some((key) => key !== 'startsAt' ? content[key] !== incident[key] : content.startsAt !== undefined && content.startsAt !== incident.startsAt);
}

/**
 * Applies an update. Returns the same incident when nothing changed (nobody is told twice), or the
 * next version. A resolved incident cannot change: monitoring opens a new one for the same ref.
 */
export function reviseIncident(incident: Incident, content: IncidentContent, now: Date, by: IncidentActor): { incident: Incident; changed: boolean } {
  if (incident.status === 'resolved') {
    if (content.status === 'resolved') return { incident, changed: false };
    throw INCIDENT_RESOLVED;
  }
  if (!differsFrom(incident, content)) return { incident, changed: false };
  const at = now.toISOString();
  const next: Incident = {
    ...incident,
    ...content,
    systems: [...new Set(content.systems)],
    startsAt: content.startsAt ?? incident.startsAt,
    version: incident.version + 1,
    updatedAt: at,
    history: [...incident.history],
  };
  if (content.status === 'resolved') next.resolvedAt = at;
  next.history.push(revision(next, at, by));
  return { incident: next, changed: true };
}

/** The content of an incident, e.g. to prefill an update form or resolve it. */
export function contentOf(incident: Incident): IncidentContent {
  const { systems, severity, status, title, description, titleEn, descriptionEn, startsAt, expectedEnd, audience } = incident;
  return { systems, severity, status, title, description, titleEn, descriptionEn, startsAt, expectedEnd, ...(audience ? { audience } : {}) };
}
