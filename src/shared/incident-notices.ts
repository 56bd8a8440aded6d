import type { Lang } from './i18n.js';
import type { Reply } from './messaging.js';

/**
 * What other features ask of the incidents feature: "is something broken in these systems right
 * now?", so that a user who asks about SKAIS during an outage hears of the outage first.
 */
export interface IncidentNotices {
  /** A short notice of the open incidents for any of `systems` (all systems when empty), or none. */
  activeFor(systems: string[], lang: Lang): Promise<Reply | undefined>;
}

export const noIncidents: IncidentNotices = { activeFor: () => Promise.resolve(undefined) };
