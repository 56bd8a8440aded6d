import type { AppInstall, InstallStore, InstallVia } from './install-store.js';

/** How long a replica owns a person's calls once claimed (longer than an install and a chat read with Graph's timeouts); after it, another replica may take the person over. */
const INSTALL_LEASE_MS = 120_000;

/**
 * The writes of the install records (issue 12, item 5) that replicas share: each record is
 * claimed, released and marked out of reach compare-and-set on its `updatedAt`, so that a notice
 * one replica adds to a person is never written over by another.
 */
export class InstallRecords {
  constructor(private readonly store: InstallStore, private readonly now: () => number) {}

  /**
   * Adds a notice to each person's record, a new or failed one pending again (or out of reach while
   * Graph refuses); compare-and-set like `release`, so an outcome another replica saved meanwhile
   * (installed, say) is not set back to pending.
   */
  async queue(incidentId: string, people: readonly string[], via: InstallVia | undefined, forbidden: boolean): Promise<void> {
    for (const id of people) {
      if (await this.rewrite(id, (known) => queued(known, id, incidentId, via, forbidden))) continue;
      await this.store.put({ ...queued(undefined, id, incidentId, via, forbidden), updatedAt: new Date(this.now()).toISOString() });
    }
  }

  /** Claims a person for this replica's calls; undefined when another replica has them, or they are no longer pending. */
  async claim(id: string): Promise<AppInstall | undefined> {
    const current = await this.store.get(id);
    const now = this.now();
    if (!current || current.state !== 'pending' || (current.leaseUntil ?? 0) > now) return undefined;
    // A new updatedAt is the claim's token: a later one than the stored, even within the same millisecond.
    const record: AppInstall = { ...current, incidents: [...current.incidents], leaseUntil: now + INSTALL_LEASE_MS, updatedAt: stampAfter(current.updatedAt, now) };
    return (await this.store.claim(record, current.updatedAt)) ? record : undefined;
  }

  /**
   * Saves the outcome compare-and-set, keeping the notices `queue` added while the calls ran (on
   * this replica or another): written over, those notices would never hear of the new chat.
   * `added` is told which notices were merged in.
   */
  async release(record: AppInstall, added: (incidents: string[]) => void): Promise<void> {
    const written = await this.rewrite(record.id, (stored) => {
      const merged = stored.incidents.filter((id) => !record.incidents.includes(id));
      record.incidents.push(...merged);
      added(merged);
      return record;
    });
    if (written) return;
    record.updatedAt = stampAfter(record.updatedAt, this.now());
    await this.store.put(record);
  }

  /** After Graph's 403: every other pending person is out of reach too, each marked compare-and-set like `release`. */
  async forbidPending(exceptId: string): Promise<void> {
    for (const other of await this.store.all()) {
      if (other.state !== 'pending' || other.id === exceptId) continue;
      await this.rewrite(other.id, (stored) => (stored.state === 'pending' ? { ...stored, state: 'forbidden', failure: 'forbidden' } : undefined));
    }
  }

  /**
   * Rewrites a stored record compare-and-set on its `updatedAt`, reading it again until the write
   * takes: `change` makes the new record from the stored one (undefined leaves it as it is). False
   * when nothing is stored under `id`.
   */
  private async rewrite(id: string, change: (stored: AppInstall) => AppInstall | undefined): Promise<boolean> {
    for (;;) {
      const stored = await this.store.get(id);
      if (!stored) return false;
      const next = change(stored);
      if (!next) return true;
      next.updatedAt = stampAfter(stored.updatedAt, this.now());
      if (await this.store.claim(next, stored.updatedAt)) return true;
    }
  }
}

/** A person's record with `incidentId` added (its updatedAt is set by the write). */
function queued(known: AppInstall | undefined, id: string, incidentId: string, via: InstallVia | undefined, forbidden: boolean): AppInstall {
  const incidents = [...new Set([...(known?.incidents ?? []), incidentId])];
  const again = !known || known.state === 'failed' || known.state === 'forbidden';
  const state = forbidden ? 'forbidden' : again ? 'pending' : known.state;
  return { attempts: 0, ...known, id, incidents, state, via: via ?? known?.via, updatedAt: known?.updatedAt ?? '', ...(again ? { attempts: 0, nextAttemptAt: undefined, failure: forbidden ? 'forbidden' : undefined } : {}) };
}

/** A write's updatedAt (the compare-and-set token): now, but always later than the stored one, even within its millisecond. */
function stampAfter(stored: string, now: number): string {
  return new Date(Math.max(now, Date.parse(stored) + 1)).toISOString();
}
