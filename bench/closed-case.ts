import type { Case } from '../src/features/cases/index.js';
import { KATI, SIIM } from '../test/support/activities.js';

/** A closed case of history, the same shape every bench seeds (index gives its number and time). */
export function closedCase(index: number): Case {
  const at = new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString();
  const by = { aadObjectId: KATI.aadObjectId, name: KATI.name };
  return {
    id: `TUGI-2025-${String(index + 1).padStart(6, '0')}`, version: 4, status: 'closed', requester: { ...by, department: 'Pensioniosakond' },
    system: index % 2 ? 'SKAIS' : 'STAR', kind: 'usage', urgency: 'normal', description: `Ajalooline pöördumine number ${index}: avaldus ei salvestu.`,
    shownArticles: ['skais-avaldus'], openedAt: at, dueAt: at, resolvedAt: at, closedAt: at, assignee: { aadObjectId: SIIM.aadObjectId, name: SIIM.name },
    resolution: { text: 'Lahendatud.' }, reminders: {}, messages: [],
    history: ['open', 'take', 'resolve', 'close'].map((event) => ({ event: event as 'take', from: 'new' as const, to: 'closed' as const, by, at })),
  };
}
