import type { Broadcast, IncidentStore } from '../features/incidents/index.js';
import type { Incident } from '../features/incidents/index.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';

/**
 * Incidents and their audiences in two collections (`incidents`, `incident-broadcasts`). Incidents
 * are few; the index by ref is kept in memory.
 */
export class LowdbIncidentStore implements IncidentStore {
  private readonly byRef = new Map<string, string>();

  private constructor(private readonly incidents: Collection<Incident>, private readonly broadcasts: Collection<Broadcast>) {
    const ordered = incidents.liveRecords().sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const incident of ordered) this.byRef.set(incident.ref, incident.id);
  }

  static async open(dataDir: DataDir): Promise<LowdbIncidentStore> {
    const incidents = await dataDir.collection<Incident>('incidents', { shards: 4, segmentSize: 500 });
    const broadcasts = await dataDir.collection<Broadcast>('incident-broadcasts', { shards: 16, segmentSize: 100 });
    return new LowdbIncidentStore(incidents, broadcasts);
  }

  getLive(id: string): Incident | undefined {
    return this.incidents.getLive(id);
  }

  get(id: string): Promise<Incident | undefined> {
    return this.incidents.get(id);
  }

  findByRef(ref: string): Incident | undefined {
    const id = this.byRef.get(ref);
    return id === undefined ? undefined : this.incidents.getLive(id);
  }

  live(): Incident[] {
    return this.incidents.liveRecords();
  }

  async save(incident: Incident): Promise<void> {
    await this.incidents.put(incident);
    this.byRef.set(incident.ref, incident.id);
  }

  broadcast(id: string): Broadcast | undefined {
    return this.broadcasts.getLive(id);
  }

  saveBroadcast(broadcast: Broadcast): Promise<void> {
    return this.broadcasts.put(broadcast);
  }
}
