import type { DeliveryEntry, DeliveryTarget } from './incident-store.js';

export interface DeliveryProgress {
  version: number;
  total: number;
  delivered: number;
  pending: number;
  failed: number;
  /** Addresses dropped because the person blocked or removed the bot. */
  dropped: number;
  /** Why deliveries failed or were dropped, with counts. */
  reasons: Record<string, number>;
}

/** Where the delivery of `version` stands across the audience. */
export function progressOf(version: number, targets: ReadonlyArray<Pick<DeliveryTarget, 'key'>>, entryOf: (key: string) => DeliveryEntry | undefined): DeliveryProgress {
  const progress: DeliveryProgress = { version, total: targets.length, delivered: 0, pending: 0, failed: 0, dropped: 0, reasons: {} };
  const note = (reason: string) => { progress.reasons[reason] = (progress.reasons[reason] ?? 0) + 1; };
  for (const target of targets) {
    const entry = entryOf(target.key);
    if (!entry) progress.pending += 1;
    else if (entry.state === 'dropped') {
      progress.dropped += 1;
      note(entry.failure ?? 'dropped');
    } else if (entry.deliveredVersion >= version) progress.delivered += 1;
    else if (entry.failedVersion === version) {
      progress.failed += 1;
      note(entry.failure ?? 'failed');
    } else progress.pending += 1;
  }
  return progress;
}

export function isFinished(progress: DeliveryProgress): boolean {
  return progress.pending === 0;
}
