import type { Broadcast, IncidentStore } from './incident-store.js';

/**
 * Changes an incident's audience compare-and-set: reads it, applies `change`, saves only if nobody
 * saved meanwhile, and otherwise applies `change` again to what the other writer (another replica)
 * saved. So a write built on an older read never erases what another replica recorded (the critical
 * notice's one reminder, a widened audience, a report). `change` returns undefined to save nothing.
 */
export async function updateBroadcast(store: IncidentStore, id: string, change: (current: Readonly<Broadcast> | undefined) => Broadcast | undefined): Promise<Broadcast | undefined> {
  for (;;) {
    const current = await store.broadcast(id);
    const next = change(current);
    if (!next) return undefined;
    const saved = await store.saveBroadcastIf(next, current ? (current.revision ?? 0) : undefined);
    if (saved) return saved;
  }
}
