import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ConversationStore } from '../shared/conversations.js';
import { channelRoot } from '../shared/conversations.js';
import type { ConversationAddress } from '../shared/messaging.js';
import type { DataDir } from './data-dir.js';
import { LazyShard } from './lazy-shard.js';

interface Entry {
  address: ConversationAddress;
  updatedAt: string;
}
type Conversations = Record<string, Entry>;
/** Entra object id (lower case) -> that person's personal conversation ids, newest last. */
type People = Record<string, string[]>;
/** Teams channel id -> the channel's root conversation id. */
type Channels = Record<string, string>;

/** Enough that a shard holds a few dozen entries at 100,000 conversations. */
const SHARDS = 4096;
/** Shards read at once while reading a broadcast audience; the event loop is free between batches. */
const AUDIENCE_BATCH = 32;
const CHANNEL_SHARDS = 64;

function shardOf(key: string, count: number): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) % count;
}

/**
 * Conversation addresses, sharded so that every operation costs the same at 100,000 stored as at
 * none: entries in `conversations/by-id/` by conversation id, and two indexes, people (Entra id ->
 * personal chats) and channels (channel id -> root conversation). Saving a new person writes two
 * small files; a lookup reads at most two, once, and keeps them. Opening reads nothing, so
 * start-up does not grow with the number of people. `conversations.json` of earlier versions is
 * imported on first open and kept as `conversations.json.imported`.
 */
export class LowdbConversationStore implements ConversationStore {
  private readonly byId = new Map<number, LazyShard<Conversations>>();
  private readonly people = new Map<number, LazyShard<People>>();
  private readonly channels = new Map<number, LazyShard<Channels>>();

  private constructor(private readonly dir: string) {}

  static async open(dataDir: DataDir): Promise<LowdbConversationStore> {
    const store = new LowdbConversationStore(join(dataDir.path, 'conversations'));
    for (const folder of ['by-id', 'people', 'channels']) await fs.mkdir(join(store.dir, folder), { recursive: true, mode: 0o700 });
    await store.importEarlier(join(dataDir.path, 'conversations.json'));
    dataDir.track(store);
    return store;
  }

  private shard<T extends object>(cache: Map<number, LazyShard<T>>, folder: string, key: string, count = SHARDS): LazyShard<T> {
    return this.shardAt(cache, folder, shardOf(key, count));
  }

  private shardAt<T extends object>(cache: Map<number, LazyShard<T>>, folder: string, number: number): LazyShard<T> {
    let shard = cache.get(number);
    if (!shard) {
      shard = new LazyShard<T>(join(this.dir, folder, `${String(number).padStart(4, '0')}.json`), () => ({}) as T);
      cache.set(number, shard);
    }
    return shard;
  }

  private entries(conversationId: string): LazyShard<Conversations> {
    return this.shard(this.byId, 'by-id', conversationId);
  }

  private person(aadObjectId: string): LazyShard<People> {
    return this.shard(this.people, 'people', aadObjectId);
  }

  private channelIndex(channelId: string): LazyShard<Channels> {
    return this.shard(this.channels, 'channels', channelId, CHANNEL_SHARDS);
  }

  async save(address: ConversationAddress): Promise<void> {
    await Promise.all([...this.apply(address)].map((shard) => shard.write()));
  }

  /** Changes memory for one address and names the shards to write (none when nothing changed). */
  private apply(address: ConversationAddress): Set<LazyShard<object>> {
    const touched = new Set<LazyShard<object>>();
    const stored = address.kind === 'channel' ? channelRoot(address) : address;
    const id = stored.conversationId;
    const shard = this.entries(id);
    const existing = shard.data[id];
    if (existing && JSON.stringify(existing.address) === JSON.stringify(stored)) return touched;
    shard.data[id] = { address: stored, updatedAt: new Date().toISOString() };
    touched.add(shard);
    const aad = stored.kind === 'personal' ? stored.user?.aadObjectId?.toLowerCase() : undefined;
    const person = aad ? this.person(aad) : undefined;
    if (aad && person && !person.data[aad]?.includes(id)) {
      person.data[aad] = [...(person.data[aad] ?? []), id];
      touched.add(person);
    }
    const channelId = stored.kind === 'channel' ? stored.channelId : undefined;
    const channels = channelId ? this.channelIndex(channelId) : undefined;
    if (channelId && channels && channels.data[channelId] !== id) {
      channels.data[channelId] = id;
      touched.add(channels);
    }
    return touched;
  }

  async personalFor(aadObjectId: string): Promise<ConversationAddress | undefined> {
    const aad = aadObjectId.toLowerCase();
    const ids = this.person(aad).data[aad] ?? [];
    for (let index = ids.length - 1; index >= 0; index -= 1) {
      const entry = this.entries(ids[index]).data[ids[index]];
      if (entry?.address.kind === 'personal') return entry.address;
    }
    return undefined;
  }

  async channel(channelId: string): Promise<ConversationAddress | undefined> {
    const id = this.channelIndex(channelId).data[channelId] ?? channelId;
    const entry = this.entries(id).data[id];
    return entry?.address.kind === 'channel' ? entry.address : undefined;
  }

  /**
   * Everyone (a broadcast audience): reads every shard, so it belongs to a broadcast, never a turn.
   * Shards are read asynchronously, a batch at a time, so turns keep being answered meanwhile
   * (reading 90,000 people at once held the event loop for seconds).
   */
  async allPersonal(): Promise<ConversationAddress[]> {
    const out: ConversationAddress[] = [];
    const written = new Set(await fs.readdir(join(this.dir, 'by-id')).catch(() => [] as string[]));
    const wanted: number[] = [];
    for (let number = 0; number < SHARDS; number += 1) {
      if (this.byId.has(number) || written.has(`${String(number).padStart(4, '0')}.json`)) wanted.push(number);
    }
    for (let start = 0; start < wanted.length; start += AUDIENCE_BATCH) {
      const batch = wanted.slice(start, start + AUDIENCE_BATCH);
      const shards = await Promise.all(batch.map((number) => this.shardAt(this.byId, 'by-id', number).load()));
      for (const data of shards) {
        for (const entry of Object.values(data)) {
          if (entry.address.kind === 'personal') out.push(entry.address);
        }
      }
    }
    return out;
  }

  /**
   * Every stored address (an export), in an order that `save` replays into the same state: each
   * person's chats oldest first, and a channel's root address after any other of that channel.
   */
  async inSaveOrder(): Promise<ConversationAddress[]> {
    const all = new Map<string, ConversationAddress>();
    for (let number = 0; number < SHARDS; number += 1) {
      if (!this.byId.has(number) && !existsSync(join(this.dir, 'by-id', `${String(number).padStart(4, '0')}.json`))) continue;
      for (const [id, entry] of Object.entries(await this.shardAt(this.byId, 'by-id', number).load())) all.set(id, entry.address);
    }
    const rank = (address: ConversationAddress): number => {
      const aad = address.user?.aadObjectId?.toLowerCase();
      if (address.kind === 'personal' && aad) return this.person(aad).data[aad]?.indexOf(address.conversationId) ?? 0;
      if (address.kind === 'channel' && address.channelId) return this.channelIndex(address.channelId).data[address.channelId] === address.conversationId ? 1 : 0;
      return 0;
    };
    return [...all.values()].map((address) => ({ address, rank: rank(address) })).sort((a, b) => a.rank - b.rank).map((item) => item.address);
  }

  async remove(conversationId: string): Promise<void> {
    const shard = this.entries(conversationId);
    const entry = shard.data[conversationId];
    if (!entry) return;
    const writes = [shard.update((data) => { delete data[conversationId]; })];
    const aad = entry.address.user?.aadObjectId?.toLowerCase();
    if (aad && this.person(aad).data[aad]?.includes(conversationId)) {
      writes.push(this.person(aad).update((data) => {
        const rest = (data[aad] ?? []).filter((id) => id !== conversationId);
        if (rest.length > 0) data[aad] = rest;
        else delete data[aad];
      }));
    }
    const channelId = entry.address.channelId;
    if (channelId && this.channelIndex(channelId).data[channelId] === conversationId) {
      writes.push(this.channelIndex(channelId).update((data) => { delete data[channelId]; }));
    }
    await Promise.all(writes);
  }

  async flush(): Promise<void> {
    for (const cache of [this.byId, this.people, this.channels] as Array<Map<number, LazyShard<object>>>) {
      await Promise.all([...cache.values()].map((shard) => shard.flush()));
    }
  }

  /** Moves the single-file store of earlier versions into the shards, once. */
  private async importEarlier(file: string): Promise<void> {
    let earlier: { conversations?: Record<string, Entry> };
    try {
      earlier = JSON.parse(await fs.readFile(file, 'utf8')) as typeof earlier;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new Error(`Cannot read ${file}: ${(error as Error).message}. Restore it from a backup.`, { cause: error });
    }
    const touched = new Set<LazyShard<object>>();
    for (const entry of Object.values(earlier.conversations ?? {})) for (const shard of this.apply(entry.address)) touched.add(shard);
    await Promise.all([...touched].map((shard) => shard.write()));
    await fs.rename(file, `${file}.imported`);
  }
}
