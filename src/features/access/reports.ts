import { toCsv } from '../../shared/to-csv.js';
import { roleName, type Catalogue } from './catalogue.js';
import { addDays } from './dates.js';
import type { AccessTask, AuditEntry, Grant } from './model.js';

export { csvField, toCsv } from '../../shared/to-csv.js';

const byHolder = (a: Grant, b: Grant) => a.system.localeCompare(b.system) || a.role.localeCompare(b.role) || a.subject.name.localeCompare(b.subject.name);

/** Who holds which role now. */
export function holdersCsv(catalogue: Catalogue, grants: Grant[]): string {
  const rows = [...grants].sort(byHolder).map((grant) => [
    grant.system, grant.role, roleName(catalogue, grant.role, 'et'), grant.subject.id, grant.subject.name, grant.since, grant.until, grant.state, grant.source,
  ]);
  return toCsv(['system', 'role', 'role_name', 'person_id', 'person', 'since', 'until', 'state', 'source'], rows);
}

/** Rights whose end day falls within the next `days` days (today included). */
export function endingCsv(catalogue: Catalogue, grants: Grant[], today: string, days: number): string {
  const last = addDays(today, days);
  const ending = grants.filter((grant) => grant.until !== undefined && grant.until >= today && grant.until <= last);
  ending.sort((a, b) => (a.until ?? '').localeCompare(b.until ?? '') || byHolder(a, b));
  return toCsv(['until', 'system', 'role', 'role_name', 'person_id', 'person', 'source'], ending.map((grant) => [
    grant.until, grant.system, grant.role, roleName(catalogue, grant.role, 'et'), grant.subject.id, grant.subject.name, grant.source,
  ]));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** Open tasks, the overdue ones first, with how many days overdue. */
export function tasksCsv(tasks: AccessTask[], today: string): string {
  const open = tasks.filter((task) => task.state === 'open').sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  return toCsv(['task', 'kind', 'person', 'system', 'roles', 'due', 'days_overdue', 'in_channel'], open.map((task) => [
    task.id, task.kind, task.subject.name, task.system || '*', task.roles.join(' '), task.due, task.due < today ? daysBetween(task.due, today) : 0, task.card ? 'yes' : 'no',
  ]));
}

const SELF_FLAGS: Partial<Record<AuditEntry['action'], string>> = {
  approved: 'self-approval', 'substitution-approved': 'self-approval',
  granted: 'self-grant', resumed: 'self-grant',
  'substitution-recorded': 'self-substitution',
};

/**
 * Separation of duties, as the audit sees it: someone who approved or carried out a grant of rights
 * to themself, or recorded themself as a substitute. Empty when the entry is in order.
 */
export function dutyViolation(entry: AuditEntry): string {
  const flag = SELF_FLAGS[entry.action];
  return flag && entry.subject && entry.subject.id.toLowerCase() === entry.actor.id.toLowerCase() ? flag : '';
}

export function auditCsv(entries: AuditEntry[]): string {
  return toCsv(['at', 'action', 'actor', 'ref', 'person', 'system', 'roles', 'detail', 'violation'], entries.map((entry) => [
    entry.at, entry.action, entry.actor.name, entry.ref, entry.subject?.name, entry.system, entry.roles?.join(' '), entry.detail, dutyViolation(entry),
  ]));
}
