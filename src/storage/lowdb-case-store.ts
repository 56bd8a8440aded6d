import type { Case } from '../features/cases/index.js';
import type { CaseStore } from '../features/cases/index.js';
import { formatCaseNumber } from '../features/cases/index.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';
import type { JsonDoc } from './json-doc.js';

interface CaseMeta {
  schemaVersion: 1;
  /** The last number given per year. */
  counters: Record<string, number>;
  lastDigestDay?: string;
}

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
    const cases = await dataDir.collection<Case>('cases', { shards: 1024, segmentSize: 1000 });
    const meta = await dataDir.doc<CaseMeta>('case-meta', { schemaVersion: 1, counters: {} });
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

  async nextNumber(year: number): Promise<string> {
    let next = 0;
    await this.meta.update((data) => {
      next = (data.counters[String(year)] ?? 0) + 1;
      data.counters[String(year)] = next;
    });
    return formatCaseNumber(year, next);
  }

  async get(number: string): Promise<Case | undefined> {
    const item = this.open.get(number);
    return item ? structuredClone(item) : this.cases.get(number);
  }

  async save(item: Case): Promise<void> {
    const copy = structuredClone(item);
    if (copy.status === 'closed') {
      this.forget(copy);
      if (this.cases.getLive(copy.id)) await this.cases.archive(copy);
      else await this.cases.append(copy);
      return;
    }
    await this.cases.put(copy);
    this.remember(copy);
  }

  listOpen(): Case[] {
    return [...this.open.values()].map((item) => structuredClone(item)).sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
  }

  findOpenByRequester(aadObjectId: string): Case[] {
    const ids = this.byRequester.get(aadObjectId.toLowerCase()) ?? [];
    return [...ids].map((id) => structuredClone(this.open.get(id) as Case))
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
  }

  findByThread(messageId: string): Case | undefined {
    const id = this.byThread.get(messageId);
    const item = id ? this.open.get(id) : undefined;
    return item && structuredClone(item);
  }

  rewriteClosed(edit: (item: Case) => Case | undefined): Promise<string[]> {
    return this.cases.rewriteArchived(edit);
  }

  lastDigestDay(): string | undefined {
    return this.meta.data.lastDigestDay;
  }

  async setLastDigestDay(day: string): Promise<void> {
    await this.meta.update((data) => { data.lastDigestDay = day; });
  }

  /** How many closed cases are archived (for the benchmark and operators). */
  get archivedCount(): number {
    return this.cases.archivedCount;
  }
}
