import type { AccessRequest, AccessTask, AuditEntry, Grant, Substitution } from '../features/access/model.js';
import type { AccessStores, AuditLog, RequestStore, ScanState, ScanStateStore, SubstitutionStore, TaskStore } from '../features/access/stores.js';
import { newId } from '../shared/ids.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';
import type { JsonDoc } from './json-doc.js';
import { LiveView } from './lowdb-access-records.js';
import { LowdbGrantStore } from './lowdb-access-grants.js';

interface StateFile extends ScanState {
  counters: Record<string, number>;
}

class LowdbRequestStore implements RequestStore {
  constructor(private readonly view: LiveView<AccessRequest>, private readonly state: JsonDoc<StateFile>) {}
  get(id: string) { return this.view.get(id); }
  save(request: AccessRequest) { return this.view.put(request); }
  finish(request: AccessRequest) { return this.view.archive(request); }
  pending() { return this.view.all().filter((request) => request.state === 'pending'); }
  async nextId(prefix: 'LIG' | 'ASE', year: number): Promise<string> {
    const key = `${prefix}-${year}`;
    let next = 0;
    await this.state.update((data) => {
      next = (data.counters[key] ?? 0) + 1;
      data.counters[key] = next;
    });
    return `${key}-${String(next).padStart(5, '0')}`;
  }
}

class LowdbTaskStore implements TaskStore {
  constructor(private readonly view: LiveView<AccessTask>) {}
  get(id: string) { return this.view.get(id); }
  open() { return this.view.all(); }
  save(task: AccessTask) { return this.view.put(task); }
  finish(task: AccessTask) { return this.view.archive(task); }
}

class LowdbSubstitutionStore implements SubstitutionStore {
  constructor(private readonly view: LiveView<Substitution>) {}
  current() { return this.view.all(); }
  save(substitution: Substitution) { return this.view.put(substitution); }
  finish(substitution: Substitution) { return this.view.archive(substitution); }
}

/** Only `append`: the collection's archive segments are append-only, and the bot has no edit path. */
class LowdbAuditLog implements AuditLog {
  constructor(private readonly collection: Collection<AuditEntry>) {}
  append(entry: Omit<AuditEntry, 'id'>) { return this.collection.append({ id: newId(), ...entry }); }
  recent(limit: number) { return this.collection.recentArchived(limit); }
}

class LowdbScanState implements ScanStateStore {
  constructor(private readonly doc: JsonDoc<StateFile>) {}
  get(): ScanState { return { lastScanOn: this.doc.data.lastScanOn, lastDigestOn: this.doc.data.lastDigestOn }; }
  set(state: ScanState) { return this.doc.update((data) => { Object.assign(data, state); }); }
}

/** Opens the access feature's stores in the data folder (`access-*` collections and `access-state.json`). */
export async function openAccessStores(dataDir: DataDir): Promise<AccessStores> {
  const state = await dataDir.doc<StateFile>('access-state', { counters: {} });
  const requests = new LiveView(await dataDir.collection<AccessRequest>('access-requests'));
  const tasks = new LiveView(await dataDir.collection<AccessTask>('access-tasks', { shards: 256 }));
  const grants = new LiveView(await dataDir.collection<Grant>('access-grants', { shards: 1024 }));
  const substitutions = new LiveView(await dataDir.collection<Substitution>('access-substitutions'));
  const audit = await dataDir.collection<AuditEntry>('access-audit', { segmentSize: 2000 });
  return {
    requests: new LowdbRequestStore(requests, state),
    tasks: new LowdbTaskStore(tasks),
    grants: new LowdbGrantStore(grants),
    substitutions: new LowdbSubstitutionStore(substitutions),
    audit: new LowdbAuditLog(audit),
    state: new LowdbScanState(state),
  };
}
