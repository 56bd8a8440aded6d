import type { Case } from './case.js';

/**
 * A save lost a race: the case changed since it was read (another replica, or another turn of
 * this one, saved it first). The service reloads it and tells the person what happened.
 */
export class CaseConflict extends Error {
  constructor(readonly caseId: string) {
    super(`Case ${caseId} changed since it was read; the save was not applied.`);
    this.name = 'CaseConflict';
  }
}

/**
 * Where cases live; stores only persist, the feature decides (the number's format, the rules).
 * Every read is asynchronous: with several replicas on one database, a copy held in memory would
 * be stale.
 */
export interface CaseStore {
  /**
   * Takes `year`'s next sequence number (1, 2, ...) and stores the case `build` makes from it, as
   * one step: numbers stay sequential and unique, without gaps, whichever process opens the case.
   * Returns the stored case.
   */
  create(year: number, build: (sequence: number) => Case): Promise<Case>;
  /** A case by number, open or archived. */
  get(number: string): Promise<Case | undefined>;
  /**
   * Compare-and-set: stores `item` only if the stored case still has `item.revision`; throws
   * CaseConflict otherwise. Returns the stored case with its new revision. A closed case moves
   * to the archive.
   */
  save(item: Case): Promise<Case>;
  /** Cases not yet closed (resolved ones included), oldest first. */
  listOpen(): Promise<Case[]>;
  findOpenByRequester(aadObjectId: string): Promise<Case[]>;
  /** The open case whose card is the root of a channel thread. */
  findByThread(messageId: string): Promise<Case | undefined>;
  /** Rewrites closed cases that `edit` changes (it returns undefined to leave one); their numbers. */
  rewriteClosed(edit: (item: Case) => Case | undefined): Promise<string[]>;
  /** The day (YYYY-MM-DD) the last daily digest went out. */
  lastDigestDay(): Promise<string | undefined>;
  /**
   * Takes `day`'s digest unless someone has: `claimed` is true for exactly one caller per day,
   * whichever replica asks, so the digest goes out once. `previous` is the day it replaced.
   */
  claimDigestDay(day: string): Promise<{ claimed: boolean; previous?: string }>;
  /** Sets the day (undefined: none), e.g. back to `previous` when the claimed digest could not be posted. */
  setLastDigestDay(day: string | undefined): Promise<void>;
}
