import type { DeliveryProgress } from './delivery-progress.js';
import type { DeliveryEntry } from './incident-store.js';

/**
 * One incident's delivery counts, kept as entries are written instead of counted by reading the
 * whole audience: each entry sits in one bucket (dropped with its reason, delivered up to a
 * version, failed at a version with its reason), and the progress of a version adds up the few
 * buckets. A put moves one entry between two buckets: the cost does not grow with the audience.
 * Entries are the outbox's persisted state, so the counts are rebuilt from them as the outbox opens.
 */
export class DeliveryTally {
  /** The bucket each entry is counted in, by entry id. */
  private readonly bucketOf = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  /** Counts `entry` in its bucket now (moving it from where it was counted before). */
  note(entry: DeliveryEntry): void {
    const bucket = bucketFor(entry);
    const before = this.bucketOf.get(entry.id);
    if (before === bucket) return;
    if (before !== undefined) this.bump(before, -1);
    if (bucket === undefined) this.bucketOf.delete(entry.id);
    else {
      this.bucketOf.set(entry.id, bucket);
      this.bump(bucket, 1);
    }
  }

  /** Where `version` stands across an audience of `total` (targets with no entry are pending). */
  progress(version: number, total: number): DeliveryProgress {
    const progress: DeliveryProgress = { version, total, delivered: 0, pending: 0, failed: 0, dropped: 0, reasons: {} };
    const note = (reason: string, count: number) => { progress.reasons[reason] = (progress.reasons[reason] ?? 0) + count; };
    for (const [bucket, count] of this.counts) {
      const [kind, failed, delivered, reason] = JSON.parse(bucket) as Bucket;
      if (kind === 'dropped') {
        progress.dropped += count;
        note(reason, count);
      } else if (delivered >= version) progress.delivered += count;
      else if (kind === 'failed' && failed === version) {
        progress.failed += count;
        note(reason, count);
      }
    }
    progress.pending = Math.max(0, total - progress.delivered - progress.failed - progress.dropped);
    return progress;
  }

  private bump(bucket: string, by: number): void {
    const count = (this.counts.get(bucket) ?? 0) + by;
    if (count > 0) this.counts.set(bucket, count);
    else this.counts.delete(bucket);
  }
}

/** The same classification as `progressOf`, as a key; undefined while nothing is settled for the entry. */
function bucketFor(entry: DeliveryEntry): string | undefined {
  let bucket: Bucket | undefined;
  if (entry.state === 'dropped') bucket = ['dropped', 0, 0, entry.failure ?? 'dropped'];
  else if (entry.failedVersion !== undefined && entry.failedVersion > entry.deliveredVersion) bucket = ['failed', entry.failedVersion, entry.deliveredVersion, entry.failure ?? 'failed'];
  else if (entry.deliveredVersion > 0) bucket = ['delivered', 0, entry.deliveredVersion, ''];
  return bucket && JSON.stringify(bucket);
}

/** Kind, version failed, version delivered, reason. */
type Bucket = ['dropped' | 'failed' | 'delivered', number, number, string];
