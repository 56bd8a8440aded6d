import type { AccessRequest, AccessTask, AuditEntry, Grant, Substitution } from './model.js';

/** Access requests: live while pending, archived once decided. */
export interface RequestStore {
  get(id: string): Promise<AccessRequest | undefined>;
  save(request: AccessRequest): Promise<void>;
  /** Archives a decided request; it can no longer change. */
  finish(request: AccessRequest): Promise<void>;
  pending(): AccessRequest[];
  /** The next readable id, e.g. `LIG-2026-00001`. */
  nextId(prefix: 'LIG' | 'ASE', year: number): Promise<string>;
}

/** Specialists' tasks: live while open, archived when closed. */
export interface TaskStore {
  get(id: string): Promise<AccessTask | undefined>;
  open(): AccessTask[];
  save(task: AccessTask): Promise<void>;
  /** Archives a closed task. */
  finish(task: AccessTask): Promise<void>;
}

/** Who holds which role now; ended grants are archived. */
export interface GrantStore {
  active(): Grant[];
  ofSubject(subjectId: string): Grant[];
  save(grant: Grant): Promise<void>;
  end(grant: Grant): Promise<void>;
}

export interface SubstitutionStore {
  current(): Substitution[];
  save(substitution: Substitution): Promise<void>;
  finish(substitution: Substitution): Promise<void>;
}

/** The append-only audit trail; nothing in the bot edits or deletes an entry. */
export interface AuditLog {
  append(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  recent(limit: number): Promise<AuditEntry[]>;
}

/** What the daily scan remembers between ticks. */
export interface ScanState {
  lastScanOn?: string;
  lastDigestOn?: string;
}

export interface ScanStateStore {
  get(): ScanState;
  set(state: ScanState): Promise<void>;
}

export interface AccessStores {
  requests: RequestStore;
  tasks: TaskStore;
  grants: GrantStore;
  substitutions: SubstitutionStore;
  audit: AuditLog;
  state: ScanStateStore;
}
