import type { DeliveryEntry, DeliveryTarget, NoticeAck } from './incident-store.js';

/** One department's part of a notice's audience (people in personal chats; channels have no department). */
export interface DepartmentFigures {
  /** The directory's department; empty when unknown. */
  name: string;
  people: number;
  delivered: number;
  acknowledged: number;
  failed: number;
}

export interface AckFigures {
  /** People who pressed "Got it". */
  acknowledged: number;
  /** People the notice was meant for (personal chats). */
  people: number;
  departments: DepartmentFigures[];
}

/**
 * Acknowledgements of `version`'s notice, overall and by department (largest first). Delivered
 * counts the people who have the current version; failed, those it failed for or whose chat is gone.
 */
export function ackFiguresOf(
  version: number,
  targets: readonly DeliveryTarget[],
  entryOf: (key: string) => DeliveryEntry | undefined,
  acks: ReadonlyMap<string, NoticeAck>,
  departmentOf: (aadObjectId: string) => string | undefined,
): AckFigures {
  const departments = new Map<string, DepartmentFigures>();
  let people = 0;
  let acknowledged = 0;
  for (const target of targets) {
    if (target.kind !== 'personal') continue;
    people += 1;
    const aad = target.address.user?.aadObjectId?.toLowerCase();
    const name = (aad && departmentOf(aad)) || '';
    let figures = departments.get(name);
    if (!figures) departments.set(name, (figures = { name, people: 0, delivered: 0, acknowledged: 0, failed: 0 }));
    figures.people += 1;
    const entry = entryOf(target.key);
    if (entry && entry.state !== 'dropped' && entry.deliveredVersion >= version) figures.delivered += 1;
    else if (entry && (entry.state === 'dropped' || entry.failedVersion === version)) figures.failed += 1;
    if (aad && acks.has(aad)) {
      figures.acknowledged += 1;
      acknowledged += 1;
    }
  }
  return { acknowledged, people, departments: [...departments.values()].sort((a, b) => b.people - a.people || a.name.localeCompare(b.name)) };
}
