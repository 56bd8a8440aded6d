import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { JsonDoc } from './json-doc.js';

interface Bucket<T> {
  records: T[];
}

/**
 * The live records of a collection, spread over shard files by a hash of their id, so a change
 * rewrites one small file. Shard files exist only while they hold records: opening reads the ones
 * that exist, a shard is created on its first write and deleted when it empties, so a collection
 * with thousands of shards (a 90,000-person broadcast) costs nothing to open once it is done.
 * Records found in another shard than their own (the shard count changed) are moved on open.
 */
export class LiveShards<T extends { id: string }> {
  private readonly docs = new Map<number, Promise<JsonDoc<Bucket<T>>>>();

  constructor(private readonly dir: string, private readonly count: number) {}

  shardOf(id: string): number {
    return createHash('sha1').update(id).digest().readUInt32BE(0) % this.count;
  }

  private doc(shard: number): Promise<JsonDoc<Bucket<T>>> {
    let doc = this.docs.get(shard);
    if (!doc) {
      doc = JsonDoc.open<Bucket<T>>(join(this.dir, `live-${String(shard).padStart(3, '0')}.json`), { records: [] });
      this.docs.set(shard, doc);
    }
    return doc;
  }

  /** Every live record on disk; drops copies that `isArchived` (a crash between archive and remove). */
  async load(isArchived: (id: string) => boolean): Promise<T[]> {
    const shards = (await fs.readdir(this.dir)).map((name) => /^live-(\d+)\.json$/.exec(name)).filter((match) => match !== null).map((match) => Number(match[1]));
    const found = new Map<string, T>();
    const misplaced: Array<{ record: T; from: number }> = [];
    for (const shard of shards) {
      const doc = await this.doc(shard);
      const dropped = doc.data.records.filter((record) => isArchived(record.id));
      for (const record of doc.data.records) {
        if (isArchived(record.id)) continue;
        if (this.shardOf(record.id) === shard) found.set(record.id, record);
        else misplaced.push({ record, from: shard });
      }
      if (dropped.length > 0) await doc.update((data) => { data.records = data.records.filter((record) => !isArchived(record.id)); });
    }
    for (const { record, from } of misplaced) {
      // Written to its own shard first, then removed from the old one: a crash leaves two copies, and its own shard's wins.
      if (!found.has(record.id)) {
        found.set(record.id, record);
        await this.put(record);
      }
      const old = await this.doc(from);
      await old.update((data) => { data.records = data.records.filter((item) => item.id !== record.id); });
      await old.deleteIfEmpty((data) => data.records.length === 0);
    }
    return [...found.values()];
  }

  async put(record: T): Promise<void> {
    await (await this.doc(this.shardOf(record.id))).update((data) => {
      const index = data.records.findIndex((item) => item.id === record.id);
      if (index >= 0) data.records[index] = record;
      else data.records.push(record);
    });
  }

  /** Removes records, rewriting (or deleting, once empty) each shard they touch once. */
  async remove(ids: Iterable<string>): Promise<void> {
    const byShard = new Map<number, Set<string>>();
    for (const id of ids) {
      const shard = this.shardOf(id);
      byShard.set(shard, (byShard.get(shard) ?? new Set()).add(id));
    }
    await Promise.all([...byShard].map(async ([shard, gone]) => {
      const doc = await this.doc(shard);
      await doc.update((data) => { data.records = data.records.filter((item) => !gone.has(item.id)); });
      await doc.deleteIfEmpty((data) => data.records.length === 0);
    }));
  }

  async flush(): Promise<void> {
    await Promise.all([...this.docs.values()].map(async (doc) => (await doc).flush()));
  }
}
