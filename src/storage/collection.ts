import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { ArchiveIndex } from './archive-index.js';
import { JsonDoc } from './json-doc.js';
import { LiveShards } from './live-shards.js';

interface Bucket<T> {
  records: T[];
}

export interface CollectionOptions {
  /** How many files the live records are spread over; a write rewrites one of them. */
  shards?: number;
  /** How many finished records one archive segment holds before a new one is started. */
  segmentSize?: number;
}

/**
 * A collection that grows without bound (cases, audit entries, deliveries) stored so that the cost
 * of a write does not grow with history:
 *
 * - live records (still changing) are spread over `shards` lowdb files by a hash of their id, so a
 *   change rewrites only one shard;
 * - finished records move to append-only archive segments of at most `segmentSize` records; only
 *   the newest segment is ever rewritten, and older ones are read only when asked for.
 *
 * A crash between "append to archive" and "remove from live" leaves the record in both places; on
 * open the archive copy wins, so nothing is lost or doubled.
 */
export class Collection<T extends { id: string }> {
  private readonly live = new Map<string, T>();
  private readonly shards: LiveShards<T>;
  private readonly archiveIndex = new Map<string, number>();
  private segments: number[] = [];
  private current?: JsonDoc<Bucket<T>>;
  private index?: ArchiveIndex;
  private readonly segmentSize: number;
  private archiveQueue: Promise<unknown> = Promise.resolve();

  private constructor(readonly dir: string, options: CollectionOptions) {
    this.segmentSize = options.segmentSize ?? 1000;
    this.shards = new LiveShards<T>(dir, options.shards ?? 16);
  }

  static async open<T extends { id: string }>(dir: string, options: CollectionOptions = {}): Promise<Collection<T>> {
    const collection = new Collection<T>(dir, options);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await collection.load();
    return collection;
  }

  private segmentFile(number: number): string {
    return join(this.dir, `archive-${String(number).padStart(6, '0')}.json`);
  }

  private async load(): Promise<void> {
    const names = await fs.readdir(this.dir);
    this.segments = names
      .map((name) => /^archive-(\d{6})\.json$/.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
    // History is read through its index (one small file), not segment by segment: opening costs the same at 300,000 records.
    const newest = this.segments.at(-1);
    const readIds = async (number: number) => (await JsonDoc.open<Bucket<T>>(this.segmentFile(number), { records: [] })).data.records.map((record) => record.id);
    this.index = await ArchiveIndex.load(this.dir, this.segments.slice(0, -1), readIds, this.archiveIndex);
    if (newest !== undefined) {
      this.current = await JsonDoc.open<Bucket<T>>(this.segmentFile(newest), { records: [] });
      for (const record of this.current.data.records) this.archiveIndex.set(record.id, newest);
    }
    for (const record of await this.shards.load((id) => this.archiveIndex.has(id))) this.live.set(record.id, record);
  }

  /** Live records, in no particular order. A copy: changing it changes nothing stored. */
  liveRecords(): T[] {
    return [...this.live.values()].map((record) => structuredClone(record));
  }

  getLive(id: string): T | undefined {
    const record = this.live.get(id);
    return record && structuredClone(record);
  }

  /**
   * The stored live record itself, without a copy, for hot read-only paths (a 10,000-person
   * audience read every few seconds). Never change what it returns: use `put`.
   */
  peekLive(id: string): Readonly<T> | undefined {
    return this.live.get(id);
  }

  get liveCount(): number {
    return this.live.size;
  }

  get archivedCount(): number {
    return this.archiveIndex.size;
  }

  isArchived(id: string): boolean {
    return this.archiveIndex.has(id);
  }

  /** The newest segment stays open for appends; older ones are read from disk when asked for. */
  private async segmentDoc(number: number): Promise<JsonDoc<Bucket<T>>> {
    if (this.current && number === this.segments[this.segments.length - 1]) return this.current;
    return JsonDoc.open<Bucket<T>>(this.segmentFile(number), { records: [] });
  }

  /** A live or archived record by id. */
  async get(id: string): Promise<T | undefined> {
    const live = this.getLive(id);
    if (live) return live;
    const segment = this.archiveIndex.get(id);
    if (segment === undefined) return undefined;
    const doc = await this.segmentDoc(segment);
    const found = doc.data.records.find((record) => record.id === id);
    return found && structuredClone(found);
  }

  /** Inserts or replaces a live record. */
  async put(record: T): Promise<void> {
    if (this.archiveIndex.has(record.id)) throw new Error(`${record.id} is archived and can no longer change.`);
    const copy = structuredClone(record);
    this.live.set(copy.id, copy);
    await this.shards.put(copy);
  }

  /** Removes many live records, rewriting each shard they touch once. */
  async removeLiveMany(ids: Iterable<string>): Promise<void> {
    const gone = [...ids].filter((id) => this.live.delete(id));
    await this.shards.remove(gone);
  }

  async removeLive(id: string): Promise<void> {
    if (!this.live.delete(id)) return;
    await this.shards.remove([id]);
  }

  /** Writes a finished record to the archive once, then drops it from the live records. */
  async archive(record: T): Promise<void> {
    await this.appendToArchive(structuredClone(record));
    await this.removeLive(record.id);
  }

  /** Writes a record that never changes (an audit entry) straight to the archive. */
  async append(record: T): Promise<void> {
    if (this.live.has(record.id)) throw new Error(`${record.id} is live; archive it instead.`);
    await this.appendToArchive(structuredClone(record));
  }

  private appendToArchive(record: T): Promise<void> {
    return this.appendBatch([record]);
  }

  /**
   * Writes many records that never change straight to the archive (an import of history): each
   * segment is written once per call, not once per record, so 100,000 records cost 100 segment
   * writes instead of 100,000 rewrites of a growing segment.
   */
  appendMany(records: readonly T[]): Promise<void> {
    const live = records.find((record) => this.live.has(record.id));
    if (live) return Promise.reject(new Error(`${live.id} is live; archive it instead.`));
    return this.appendBatch(records.map((record) => structuredClone(record)));
  }

  private appendBatch(records: T[]): Promise<void> {
    const run = this.archiveQueue.then(async () => {
      const ids = new Set<string>();
      for (const record of records) {
        if (this.archiveIndex.has(record.id) || ids.has(record.id)) throw new Error(`${record.id} is already archived.`);
        ids.add(record.id);
      }
      for (let start = 0; start < records.length;) {
        const doc = await this.segmentWithRoom();
        const batch = records.slice(start, start + this.segmentSize - doc.data.records.length);
        await doc.update((data) => { data.records.push(...batch); });
        for (const record of batch) this.archiveIndex.set(record.id, this.segments[this.segments.length - 1]);
        start += batch.length;
      }
    });
    this.archiveQueue = run.catch(() => undefined);
    return run;
  }

  /** The newest segment, or a new one when it is full (the full one sealed into the index). */
  private async segmentWithRoom(): Promise<JsonDoc<Bucket<T>>> {
    if (!this.current || this.current.data.records.length >= this.segmentSize) {
      const full = this.segments.at(-1);
      if (this.current && full !== undefined) await this.index?.seal(full, this.current.data.records.map((item) => item.id));
      const number = (full ?? 0) + 1;
      this.current = await JsonDoc.open<Bucket<T>>(this.segmentFile(number), { records: [] });
      this.segments.push(number);
    }
    return this.current;
  }

  /**
   * Changes archived records in place (retention: masking what may no longer be kept). `edit`
   * returns the new record, or undefined to leave it. A segment is rewritten only when one of its
   * records changed, whole and atomically (lowdb writes a temporary file and renames it), in the
   * same queue as appends, so nothing appended meanwhile is lost. Ids never change.
   */
  async rewriteArchived(edit: (record: T) => T | undefined): Promise<string[]> {
    const run = this.archiveQueue.then(async () => {
      const changed: string[] = [];
      for (const number of [...this.segments]) {
        const doc = await this.segmentDoc(number);
        const edited = new Map<number, T>();
        doc.data.records.forEach((record, index) => {
          const next = edit(structuredClone(record));
          if (next && next.id === record.id) edited.set(index, next);
        });
        if (edited.size === 0) continue;
        await doc.update((data) => { for (const [index, record] of edited) data.records[index] = record; });
        for (const record of edited.values()) changed.push(record.id);
      }
      return changed;
    });
    this.archiveQueue = run.catch(() => undefined);
    return run;
  }

  /** Every archived record, oldest segment first, read one segment at a time. */
  async *archived(): AsyncGenerator<T> {
    for (const number of [...this.segments]) {
      const doc = await this.segmentDoc(number);
      for (const record of doc.data.records) yield structuredClone(record);
    }
  }

  /** The newest archived records first, up to `limit`, reading only as many segments as needed. */
  async recentArchived(limit: number, keep: (record: T) => boolean = () => true): Promise<T[]> {
    const out: T[] = [];
    for (const number of [...this.segments].reverse()) {
      const doc = await this.segmentDoc(number);
      for (const record of [...doc.data.records].reverse()) {
        if (keep(record)) out.push(structuredClone(record));
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  async flush(): Promise<void> {
    await this.archiveQueue;
    await this.shards.flush();
    if (this.current) await this.current.flush();
  }
}
