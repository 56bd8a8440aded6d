import type { AccessRequest, AccessTask, AuditEntry, Grant, Substitution } from './model.js';

/**
 * Access requests: live while pending, archived once decided. Reads are async: with two replicas
 * on one database a copy kept in memory would be stale.
 */
export interface RequestStore {
  get(id: string): Promise<AccessRequest | undefined>;
  /** Saves a live request; false, changing nothing, when it is already finished. */
  save(request: AccessRequest): Promise<boolean>;
  /**
   * Archives a decided request, once: false, changing nothing, when it was already finished (decided
   * first on another replica or by another click). This is the compare-and-set every decision goes through.
   */
  finish(request: AccessRequest): Promise<boolean>;
  /** Live requests still waiting for a decision. */
  pending(): Promise<AccessRequest[]>;
  /**
   * Numbers and stores a new request in one step (one transaction): `make` gets the next number of
   * the year's `LIG` series and builds the request, kept live when pending and finished otherwise.
   * Numbers are unique and without gaps, also under concurrent calls on several replicas; a failure
   * leaves neither the number used nor the request.
   */
  add(year: number, make: (number: number) => AccessRequest): Promise<AccessRequest>;
}

/** Specialists' tasks: live while open, archived when closed. */
export interface TaskStore {
  get(id: string): Promise<AccessTask | undefined>;
  open(): Promise<AccessTask[]>;
  /** Saves a live task; false, changing nothing, when it is already finished. */
  save(task: AccessTask): Promise<boolean>;
  /** Archives a closed task, once: false, changing nothing, when it was already finished. */
  finish(task: AccessTask): Promise<boolean>;
  /**
   * Claims an open task whose card is not posted yet for `holder` until `now + ms` (its `posting`),
   * so that of replicas posting it at once one does: the task as claimed, or undefined when it is
   * closed, already posted, or another holder's claim still runs.
   */
  claimPosting(id: string, holder: string, now: Date, ms: number): Promise<AccessTask | undefined>;
}

/** Who holds which role now; ended grants are archived. */
export interface GrantStore {
  active(): Promise<Grant[]>;
  /** The live grants of one person; the id is matched ignoring case. */
  ofSubject(subjectId: string): Promise<Grant[]>;
  save(grant: Grant): Promise<void>;
  end(grant: Grant): Promise<void>;
}

export interface SubstitutionStore {
  /** Numbers (the year's `ASE` series) and saves a new live substitution in one step, as `RequestStore.add`. */
  add(year: number, make: (number: number) => Substitution): Promise<Substitution>;
  /** A live or finished substitution. */
  get(id: string): Promise<Substitution | undefined>;
  /** Live substitutions (pending, approved and not yet over). */
  current(): Promise<Substitution[]>;
  /** Saves a live substitution; false, changing nothing, when it is already finished. */
  save(substitution: Substitution): Promise<boolean>;
  /**
   * Saves the decision on a pending substitution, once: false, changing nothing, when the stored
   * one is no longer pending (or gone).
   */
  decide(substitution: Substitution): Promise<boolean>;
  /** Archives a substitution, once: false when it was already finished. */
  finish(substitution: Substitution): Promise<boolean>;
}

/** The append-only audit trail; nothing in the bot edits or deletes an entry. */
export interface AuditLog {
  append(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** The newest entries first. */
  recent(limit: number): Promise<AuditEntry[]>;
}

/** What the daily scan remembers between ticks. */
export interface ScanState {
  lastScanOn?: string;
  lastDigestOn?: string;
}

export interface ScanStateStore {
  get(): Promise<ScanState>;
  set(state: ScanState): Promise<void>;
  /**
   * Takes the named lease for `holder` until `now + ms`, when nobody else holds it (or theirs has
   * run out): periodic work runs on one replica at a time, and another takes over when it dies.
   */
  lease(name: string, holder: string, now: Date, ms: number): Promise<boolean>;
  /** Gives the lease up early (only the holder's own). */
  release(name: string, holder: string): Promise<void>;
}

export interface AccessStores {
  requests: RequestStore;
  tasks: TaskStore;
  grants: GrantStore;
  substitutions: SubstitutionStore;
  audit: AuditLog;
  state: ScanStateStore;
}
