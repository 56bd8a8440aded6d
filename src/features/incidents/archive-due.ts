import type { DeliveryProgress } from './delivery-progress.js';
import type { Incident } from './incident.js';

/**
 * How long a resolved incident stays live: `rikked` shows it as resolved for this long, and a
 * repeat of monitoring's "resolved" is answered from the live record.
 */
export const ARCHIVE_GRACE_MS = 60 * 60_000;

/** How long to wait for the final figures to reach a progress report before archiving anyway (its message may be gone). */
export const REPORT_PATIENCE_MS = 24 * 60 * 60_000;

export interface ArchiveFacts {
  /** The delivery of the incident's current version; none when it has no audience. */
  progress?: DeliveryProgress;
  /** The progress report (if any) shows the final figures. */
  reported: boolean;
}

/**
 * A resolved incident is archived once every conversation's delivery is final (delivered, failed
 * or dropped), its report shows the final figures, and `graceMs` has passed since it was resolved.
 */
export function archiveDue(incident: Incident, facts: ArchiveFacts, now: Date, graceMs = ARCHIVE_GRACE_MS): boolean {
  if (incident.status !== 'resolved') return false;
  const since = now.getTime() - Date.parse(incident.resolvedAt ?? incident.updatedAt);
  if (since < graceMs) return false;
  if (facts.progress && facts.progress.pending > 0) return false;
  return facts.reported || since >= Math.max(graceMs, REPORT_PATIENCE_MS);
}
