import type { Logger } from '../../shared/logger.js';
import type { DeliveryEntry } from './incident-store.js';

export interface LeaseKeeper {
  /** Stops renewing; waits for a renewal in flight, so the entry's revision is the stored one. */
  stop(): Promise<void>;
}

/**
 * Renews the lease on a claimed entry every `everyMs` while its connector call runs, so a call
 * slower than the lease does not hand the entry to another replica in the middle (which would
 * send the notice twice). `renew` claims the entry again on its current revision; the new lease
 * end and revision are copied onto `entry`. When another writer got there first, renewing stops
 * (the worker's end-of-call check then warns that the lease ran out).
 */
export function keepLease(entry: DeliveryEntry, renew: (entry: DeliveryEntry) => Promise<DeliveryEntry | undefined>, everyMs: number, logger: Logger): LeaseKeeper {
  let pending: Promise<void> = Promise.resolve();
  let lost = false;
  const renewOnce = async (): Promise<void> => {
    if (lost) return;
    const renewed = await renew(entry);
    if (!renewed) {
      lost = true;
      return;
    }
    entry.leaseUntil = renewed.leaseUntil;
    entry.revision = renewed.revision;
  };
  const timer = setInterval(() => {
    pending = pending.then(renewOnce).catch((error: unknown) => {
      logger.warn({ err: error, incidentId: entry.incidentId, target: entry.key }, 'renewing a delivery lease failed; will try again');
    });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await pending;
    },
  };
}
