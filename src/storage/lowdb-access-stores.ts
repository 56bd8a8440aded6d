import type { AccessRequest, AccessTask, AuditEntry, Grant, Substitution } from '../features/access/model.js';
import type { AccessStores, AuditLog, RequestStore, ScanState, ScanStateStore, SubstitutionStore, TaskStore } from '../features/access/stores.js';
import { newId } from '../shared/ids.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';
import type { JsonDoc } from './json-doc.js';
import { LiveView } from './lowdb-access-records.js';
import { LowdbGrantStore } from './lowdb-access-grants.js';

/** The access collections in the data folder and how each is laid out (shared with export and import). */
export const ACCESS_COLLECTIONS = {
  requests: { name: 'access-requests', options: {} },
  tasks: { name: 'access-tasks', options: { shards: 256 } },
  grants: { name: 'access-grants', options: { shards: 1024 } },
  substitutions: { name: 'access-substitutions', options: {} },
  audit: { name: 'access-audit', options: { segmentSize: 2000 } },
} as const;
export const ACCESS_STATE = 'access-state';

export interface StateFile extends ScanState {
  counters: Record<string, number>;
  leases?: Record<string, { holder: string; until: string }>;
}

/**
 * The yearly series' counters in `access-state.json`. `add` runs one at a time: it builds the
 * record with the next number, refuses an id already stored, and only then counts it and writes
 * the record, so a refused record uses no number.
 */
class LowdbCounters {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly state: JsonDoc<StateFile>) {}

  add<T extends { id: string }>(series: 'LIG' | 'ASE', year: number, make: (number: number) => T, view: LiveView<T>, write: (record: T) => Promise<unknown>): Promise<T> {
    const run = this.queue.then(async () => {
      const key = `${series}-${year}`;
      const next = (this.state.data.counters[key] ?? 0) + 1;
      const record = make(next);
      if (await view.get(record.id)) throw new Error(`${record.id} already exists: the ${series} counter is behind the stored records.`);
      await this.state.update((data) => { data.counters[key] = next; });
      await write(record);
      return record;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

class LowdbRequestStore implements RequestStore {
  constructor(private readonly view: LiveView<AccessRequest>, private readonly counters: LowdbCounters) {}
  get(id: string) { return this.view.get(id); }
  save(request: AccessRequest) { return this.view.putIfLive(request); }
  finish(request: AccessRequest) { return this.view.finishOnce(request); }
  async pending() { return this.view.all().filter((request) => request.state === 'pending'); }
  add(year: number, make: (number: number) => AccessRequest): Promise<AccessRequest> {
    return this.counters.add('LIG', year, make, this.view, (request) => (request.state === 'pending' ? this.view.putIfLive(request) : this.view.finishOnce(request)));
  }
}

class LowdbTaskStore implements TaskStore {
  constructor(private readonly view: LiveView<AccessTask>) {}
  get(id: string) { return this.view.get(id); }
  async open() { return this.view.all(); }
  save(task: AccessTask) { return this.view.putIfLive(task); }
  finish(task: AccessTask) { return this.view.finishOnce(task); }
  claimPosting(id: string, holder: string, now: Date, ms: number) {
    return this.view.updateIf(id, (stored) => {
      const free = !stored.posting || stored.posting.holder === holder || Date.parse(stored.posting.until) <= now.getTime();
      return stored.state === 'open' && !stored.card && free ? { ...stored, posting: { holder, until: new Date(now.getTime() + ms).toISOString() } } : undefined;
    });
  }
}

class LowdbSubstitutionStore implements SubstitutionStore {
  constructor(private readonly view: LiveView<Substitution>, private readonly counters: LowdbCounters) {}
  add(year: number, make: (number: number) => Substitution): Promise<Substitution> {
    return this.counters.add('ASE', year, make, this.view, (substitution) => this.view.putIfLive(substitution));
  }
  get(id: string) { return this.view.get(id); }
  async current() { return this.view.all(); }
  save(substitution: Substitution) { return this.view.putIfLive(substitution); }
  async decide(substitution: Substitution) {
    return (await this.view.updateIf(substitution.id, (stored) => (stored.state === 'pending' ? substitution : undefined))) !== undefined;
  }
  finish(substitution: Substitution) { return this.view.finishOnce(substitution); }
}

/** Only `append`: the collection's archive segments are append-only, and the bot has no edit path. */
class LowdbAuditLog implements AuditLog {
  constructor(private readonly collection: Collection<AuditEntry>) {}
  append(entry: Omit<AuditEntry, 'id'>) { return this.collection.append({ id: newId(), ...entry }); }
  recent(limit: number) { return this.collection.recentArchived(limit); }
}

/** One process owns a lowdb folder, so the lease only ever has one holder; it is kept all the same, like PostgreSQL's. */
class LowdbScanState implements ScanStateStore {
  constructor(private readonly doc: JsonDoc<StateFile>) {}
  async get(): Promise<ScanState> { return { lastScanOn: this.doc.data.lastScanOn, lastDigestOn: this.doc.data.lastDigestOn }; }
  set(state: ScanState) { return this.doc.update((data) => { Object.assign(data, state); }); }
  async lease(name: string, holder: string, now: Date, ms: number): Promise<boolean> {
    let taken = false;
    await this.doc.update((data) => {
      const held = data.leases?.[name];
      if (held && held.holder !== holder && Date.parse(held.until) > now.getTime()) return;
      data.leases = { ...data.leases, [name]: { holder, until: new Date(now.getTime() + ms).toISOString() } };
      taken = true;
    });
    return taken;
  }
  release(name: string, holder: string) {
    return this.doc.update((data) => { if (data.leases?.[name]?.holder === holder) delete data.leases[name]; });
  }
}

/** Opens the access feature's stores in the data folder (`access-*` collections and `access-state.json`). */
export async function openAccessStores(dataDir: DataDir): Promise<AccessStores> {
  const state = await dataDir.doc<StateFile>(ACCESS_STATE, { counters: {} });
  const open = <T extends { id: string }>(which: keyof typeof ACCESS_COLLECTIONS) => dataDir.collection<T>(ACCESS_COLLECTIONS[which].name, ACCESS_COLLECTIONS[which].options);
  const requests = new LiveView(await open<AccessRequest>('requests'));
  const tasks = new LiveView(await open<AccessTask>('tasks'));
  const grants = new LiveView(await open<Grant>('grants'));
  const substitutions = new LiveView(await open<Substitution>('substitutions'));
  const audit = await open<AuditEntry>('audit');
  const counters = new LowdbCounters(state);
  return {
    requests: new LowdbRequestStore(requests, counters),
    tasks: new LowdbTaskStore(tasks),
    grants: new LowdbGrantStore(grants),
    substitutions: new LowdbSubstitutionStore(substitutions, counters),
    audit: new LowdbAuditLog(audit),
    state: new LowdbScanState(state),
  };
}
