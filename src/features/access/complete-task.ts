import { accessErrors } from './access-errors.js';
import type { AccessTask, Grant, PersonRef } from './model.js';
import { TASK_STATE } from './texts.js';

export type TaskOutcome = 'done' | 'impossible';

/** Closes an open task; an impossible one needs the reason; nobody closes a task about their own rights. */
export function closeTask(task: AccessTask, actor: PersonRef, outcome: TaskOutcome, reason: string, now: Date): AccessTask {
  if (task.state !== 'open') throw accessErrors.taskClosed(task.id, task.closedBy?.name ?? '-', TASK_STATE[task.state]);
  if (task.subject.id.toLowerCase() === actor.id.toLowerCase()) throw accessErrors.ownTask(task.id);
  const why = reason.trim();
  if (outcome === 'impossible' && why === '') throw accessErrors.impossibleReason();
  return { ...task, state: outcome, closedAt: now.toISOString(), closedBy: actor, ...(why ? { reason: why } : {}) };
}

export interface GrantChanges {
  add: Grant[];
  update: Grant[];
  end: Grant[];
}

/**
 * What a task marked done changes in the record of who holds what. `held` is the subject's live
 * grants; `today` is the day the specialist did the work.
 */
export function grantChanges(task: AccessTask, held: Grant[], actor: PersonRef, today: string, now: Date): GrantChanges {
  const changes: GrantChanges = { add: [], update: [], end: [] };
  const inSystem = held.filter((grant) => grant.system === task.system);
  const at = now.toISOString();
  switch (task.kind) {
    case 'grant':
      for (const role of task.roles) {
        const id = `${task.source}:${role}`;
        if (held.some((grant) => grant.id === id)) continue;
        changes.add.push({
          id, subject: task.subject, system: task.system, role, since: today, until: task.until,
          source: task.source, state: 'active', grantedBy: actor, grantedAt: at,
        });
      }
      break;
    case 'revoke':
      changes.end = inSystem.filter((grant) => grant.source === task.source && task.roles.includes(grant.role));
      break;
    case 'suspend':
      changes.update = inSystem.filter((grant) => grant.state === 'active').map((grant) => ({ ...grant, state: 'suspended' }));
      break;
    case 'resume':
      changes.update = inSystem.filter((grant) => grant.state === 'suspended').map((grant) => ({ ...grant, state: 'active' }));
      break;
    case 'close':
      changes.end = held;
      break;
  }
  changes.end = changes.end.map((grant) => ({ ...grant, endedAt: at, endedBy: actor }));
  return changes;
}
