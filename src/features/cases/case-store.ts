import type { Case } from './case.js';

/** Where cases live. Open cases stay at hand; closed ones are archived and only read when asked for. */
export interface CaseStore {
  /** The next case number of `year`, persisted before it is returned, so a restart continues it. */
  nextNumber(year: number): Promise<string>;
  /** A case by number, open or archived. */
  get(number: string): Promise<Case | undefined>;
  /** Stores a case; a closed case moves to the archive. */
  save(item: Case): Promise<void>;
  /** Cases not yet closed (resolved ones included), oldest first. */
  listOpen(): Case[];
  findOpenByRequester(aadObjectId: string): Case[];
  /** The case whose card is the root of a channel thread. */
  findByThread(messageId: string): Case | undefined;
  /** Rewrites closed cases that `edit` changes (it returns undefined to leave one); their numbers. */
  rewriteClosed(edit: (item: Case) => Case | undefined): Promise<string[]>;
  /** The day (YYYY-MM-DD) the last daily digest went out. */
  lastDigestDay(): string | undefined;
  setLastDigestDay(day: string): Promise<void>;
}
