import type { Grant } from '../features/access/model.js';
import type { GrantStore } from '../features/access/stores.js';
import type { LiveView } from './lowdb-access-records.js';

/** Grants live while held, indexed by holder; an ended grant is archived with who ended it. */
export class LowdbGrantStore implements GrantStore {
  private readonly bySubject = new Map<string, Set<string>>();

  constructor(private readonly view: LiveView<Grant>) {
    for (const grant of view.values()) this.index(grant);
  }

  private index(grant: Grant): void {
    const key = grant.subject.id.toLowerCase();
    const ids = this.bySubject.get(key) ?? new Set<string>();
    ids.add(grant.id);
    this.bySubject.set(key, ids);
  }

  async active(): Promise<Grant[]> {
    return this.view.all();
  }

  async ofSubject(subjectId: string): Promise<Grant[]> {
    const ids = this.bySubject.get(subjectId.toLowerCase()) ?? new Set<string>();
    return [...ids].map((id) => this.view.getLive(id)).filter((grant): grant is Grant => grant !== undefined);
  }

  async save(grant: Grant): Promise<void> {
    await this.view.put(grant);
    this.index(grant);
  }

  async end(grant: Grant): Promise<void> {
    if (!(await this.view.finishOnce(grant))) return;
    this.bySubject.get(grant.subject.id.toLowerCase())?.delete(grant.id);
  }
}
