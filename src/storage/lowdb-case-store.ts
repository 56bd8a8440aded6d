import type { Case, CaseStore } from '../features/cases/index.js';
import { CaseConflict } from '../features/cases/index.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';
import type { JsonDoc } from './json-doc.js';

export interface CaseMeta {
  schemaVersion: 1;
  /** The last number given per year. */
  counters: Record<string, number>;
  lastDigestDay?: string;
}

/** Where cases live in the data folder (the export reads and writes them there too). */
export const CASE_COLLECTION = { name: 'cases', options: { shards: 1024, segmentSize: 1000 } } as const;
export const CASE_META = 'case-meta';

/**
 * Cases on lowdb: open cases in the sharded live part of the `cases` collection, closed cases in
 * its append-only archive (so years of history do not slow down writes), counters in `case-meta.json`.
 */
export class LowdbCaseStore implements CaseStore {
  private readonly open = new Map<string, Case>();
  private readonly byThread = new Map<string, string>();
  /** Open case ids by requester (lower-case Entra id): a person's turn reads their cases, not everyone's. */
  private readonly byRequester = new Map<string, Set<string>>();

  private constructor(private readonly cases: Collection<Case>, private readonly meta: JsonDoc<CaseMeta>) {
    for (const item of cases.liveRecords()) this.remember(item);
  }

  static async open(dataDir: DataDir): Promise<LowdbCaseStore> {
    const cases = await dataDir.collection<Case>(CASE_COLLECTION.name, CASE_COLLECTION.options);
    const meta = await dataDir.doc<CaseMeta>(CASE_META, { schemaVersion: 1, counters: {} });
    return new LowdbCaseStore(cases, meta);
  }

  private remember(item: Case): void {
    const before = this.open.get(item.id);
    if (before) this.forget(before);
    this.open.set(item.id, item);
    if (item.thread) this.byThread.set(item.thread.messageId, item.id);
    const requester = item.requester.aadObjectId.toLowerCase();
    let ids = this.byRequester.get(requester);
    if (!ids) this.byRequester.set(requester, (ids = new Set()));
    ids.add(item.id);
  }

  private forget(item: Case): void {
    const stored = this.open.get(item.id) ?? item;
    this.open.delete(item.id);
    if (stored.thread && this.byThread.get(stored.thread.messageId) === item.id) this.byThread.delete(stored.thread.messageId);
    const requester = stored.requester.aadObjectId.toLowerCase();
    const ids = this.byRequester.get(requester);
    ids?.delete(item.id);
    if (ids?.size === 0) this.byRequester.delete(requester);
  }

  async create(year: number, build: (sequence: number) => Case): Promise<Case> {
    let next = 0;
    await this.meta.update((data) => {
      next = (data.counters[String(year)] ?? 0) + 1;
      data.counters[String(year)] = next;
    });
    return this.save({ ...build(next), revision: 0 });
  }

  async get(number: string): Promise<Case | undefined> {
    const item = this.open.get(number);
    return item ? structuredClone(item) : this.cases.get(number);
  }

  /**
   * Compare-and-set, checked and applied in memory before the first await, so two saves in this
   * process cannot both pass; a case from before revisions counts as revision 0.
   */
  async save(item: Case): Promise<Case> {
    const live = this.open.get(item.id);
    const expected = item.revision ?? 0;
    if (live ? (live.revision ?? 0) !== expected : expected !== 0 || this.cases.isArchived(item.id)) throw new CaseConflict(item.id);
    const copy = { ...structuredClone(item), revision: expected + 1 };
    if (copy.status === 'closed') {
      this.forget(copy);
      if (live) await this.cases.archive(copy);
      else await this.cases.append(copy);
      return structuredClone(copy);
    }
    this.remember(copy);
    await this.cases.put(copy);
    return structuredClone(copy);
  }

  async listOpen(): Promise<Case[]> {
    return [...this.open.values()].map((item) => structuredClone(item)).sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
  }

  async findOpenByRequester(aadObjectId: string): Promise<Case[]> {
    const ids = this.byRequester.get(aadObjectId.toLowerCase()) ?? [];
    return [...ids].map((id) => structuredClone(this.open.get(id) as Case))
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
  }

  async findByThread(messageId: string): Promise<Case | undefined> {
    const id = this.byThread.get(messageId);
    const item = id ? this.open.get(id) : undefined;
    return item && structuredClone(item);
  }

  rewriteClosed(edit: (item: Case) => Case | undefined): Promise<string[]> {
    return this.cases.rewriteArchived(edit);
  }

  async lastDigestDay(): Promise<string | undefined> {
    return this.meta.data.lastDigestDay;
  }

  async claimDigestDay(day: string): Promise<{ claimed: boolean; previous?: string }> {
    let result: { claimed: boolean; previous?: string } = { claimed: false };
    await this.meta.update((data) => {
      if (data.lastDigestDay === day) return;
      result = data.lastDigestDay === undefined ? { claimed: true } : { claimed: true, previous: data.lastDigestDay };
      data.lastDigestDay = day;
    });
    return result;
  }

  async setLastDigestDay(day: string | undefined): Promise<void> {
    await this.meta.update((data) => {
      if (day === undefined) delete data.lastDigestDay;
      else data.lastDigestDay = day;
    });
  }

  /** How many closed cases are archived (for the benchmark and operators). */
  get archivedCount(): number {
    return this.cases.archivedCount;
  }
}
