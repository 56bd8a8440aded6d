import { IncidentRefTaken, type Broadcast, type IncidentStore } from '../features/incidents/index.js';
import type { Incident } from '../features/incidents/index.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';

/**
 * Incidents and their audiences in two collections (`incidents`, `incident-broadcasts`). Open
 * incidents (and recently resolved ones) are live; finished ones are archived, their audience
 * folded into the delivery record (see LowdbOutboxStore). The index by ref covers live incidents.
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
    // A crash between archiving an incident and dropping its audience leaves the audience behind.
    for (const broadcast of broadcasts.liveRecords()) if (incidents.isArchived(broadcast.id)) await broadcasts.removeLive(broadcast.id);
    return new LowdbIncidentStore(incidents, broadcasts);
  }

  getLive(id: string): Promise<Incident | undefined> {
    return Promise.resolve(this.incidents.getLive(id));
  }

  get(id: string): Promise<Incident | undefined> {
    return this.incidents.get(id);
  }

  findByRef(ref: string): Promise<Incident | undefined> {
    const id = this.byRef.get(ref);
    return Promise.resolve(id === undefined ? undefined : this.incidents.getLive(id));
  }

  async findArchivedByRef(ref: string): Promise<Incident | undefined> {
    const [found] = await this.incidents.recentArchived(1, (incident) => incident.ref === ref);
    return found;
  }

  live(): Promise<Incident[]> {
    return Promise.resolve(this.incidents.liveRecords());
  }

  /**
   * One open incident per ref, as PostgreSQL's unique index has it. The ref is taken before the
   * write, so a second save at the same moment is refused; an older incident saved again (a
   * resolved one's alert details) does not take the ref back from a newer one.
   */
  async save(incident: Incident): Promise<void> {
    const holder = this.byRef.get(incident.ref);
    const other = holder !== undefined && holder !== incident.id ? this.incidents.peekLive(holder) : undefined;
    if (other && other.status !== 'resolved' && incident.status !== 'resolved') {
      // The audience saved for the refused incident would point at nothing: it goes too.
      if (!this.incidents.getLive(incident.id) && !this.incidents.isArchived(incident.id)) await this.broadcasts.removeLive(incident.id);
      throw new IncidentRefTaken(incident.ref, incident.id);
    }
    if ((!other || other.createdAt <= incident.createdAt) && !this.incidents.isArchived(incident.id)) this.byRef.set(incident.ref, incident.id);
    await this.incidents.put(incident);
  }

  broadcast(id: string): Promise<Readonly<Broadcast> | undefined> {
    return Promise.resolve(this.broadcasts.peekLive(id));
  }

  saveBroadcast(broadcast: Broadcast): Promise<void> {
    return this.broadcasts.put(broadcast);
  }

  /** The incident first, so that nothing live ever points at a missing audience. */
  async archive(incident: Incident): Promise<void> {
    if (!this.incidents.isArchived(incident.id)) await this.incidents.archive(incident);
    if (this.byRef.get(incident.ref) === incident.id) this.byRef.delete(incident.ref);
    await this.broadcasts.removeLive(incident.id);
  }

  isArchived(id: string): Promise<boolean> {
    return Promise.resolve(this.incidents.isArchived(id));
  }
}
