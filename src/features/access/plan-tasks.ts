import { findRole, type Catalogue } from './catalogue.js';
import { addDays } from './dates.js';
import type { AccessRequest, AccessTask, Substitution, TaskKind } from './model.js';

type TaskSeed = Pick<AccessTask, 'kind' | 'system' | 'roles' | 'due'> & { until?: string };

function build(source: AccessRequest | Substitution, requesterId: string, subject: AccessTask['subject'], lang: AccessTask['lang'], seeds: TaskSeed[], now: Date): AccessTask[] {
  const tasks: AccessTask[] = seeds.map((seed, index) => ({
    id: `${source.id}/${index + 1}`,
    source: source.id,
    subject,
    requesterId,
    lang,
    state: 'open',
    createdAt: now.toISOString(),
    dependents: [],
    ...seed,
  }));
  // A grant's or a suspension's follow-up (revoke, resume) is cancelled if the first step proves impossible.
  const follows: Partial<Record<TaskKind, TaskKind>> = { grant: 'revoke', suspend: 'resume' };
  for (const task of tasks) {
    const next = tasks.find((other) => other.kind === follows[task.kind] && other.system === task.system);
    if (next) task.dependents = [next.id];
  }
  return tasks;
}

/**
 * The tasks an approved request becomes: a grant (and its revocation on the end date), a
 * suspension and its resumption, or closing every account of a leaver.
 */
export function tasksForRequest(request: AccessRequest, heldRoles: string[], now: Date): AccessTask[] {
  const { system, roles, start, end } = request;
  const seeds: TaskSeed[] = [];
  if (request.kind === 'grant') {
    seeds.push({ kind: 'grant', system, roles, due: start, until: end });
    if (end) seeds.push({ kind: 'revoke', system, roles, due: end });
  } else if (request.kind === 'suspend') {
    seeds.push({ kind: 'suspend', system, roles: heldRoles, due: start });
    if (end) seeds.push({ kind: 'resume', system, roles: heldRoles, due: end });
  } else {
    seeds.push({ kind: 'close', system: '', roles: heldRoles, due: start });
  }
  return build(request, request.requester.id, request.subject, request.lang, seeds, now);
}

/** A substitution becomes, per system, a grant due on the first day and a revocation due the day after the last. */
export function tasksForSubstitution(catalogue: Catalogue, substitution: Substitution, now: Date): AccessTask[] {
  const bySystem = new Map<string, string[]>();
  for (const role of substitution.roles) {
    const system = findRole(catalogue, role)?.system.id ?? '';
    bySystem.set(system, [...(bySystem.get(system) ?? []), role]);
  }
  const after = addDays(substitution.to, 1);
  const seeds: TaskSeed[] = [...bySystem].flatMap(([system, roles]) => [
    { kind: 'grant' as const, system, roles, due: substitution.from, until: after },
    { kind: 'revoke' as const, system, roles, due: after },
  ]);
  return build(substitution, substitution.createdBy.id, substitution.substitute, 'et', seeds, now);
}
