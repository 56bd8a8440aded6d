import type { DirectoryPerson } from '../../shared/directory.js';
import { accessErrors } from './access-errors.js';
import type { CatalogueSystem } from './catalogue.js';

/**
 * Who approves a request: the subject's manager (when the system asks for the manager) and the
 * system's named approvers. Nobody approves their own request: when the manager is the requester
 * (a manager asking for a subordinate), the requester's own manager steps in.
 */
export function approversFor(system: CatalogueSystem, subject: DirectoryPerson, requester: DirectoryPerson): string[] {
  const self = requester.id.toLowerCase();
  const ids: string[] = [];
  if (system.approval.manager) {
    const manager = subject.managerId && subject.managerId.toLowerCase() !== self ? subject.managerId : requester.managerId;
    if (manager) ids.push(manager);
  }
  ids.push(...system.approval.approvers);
  const unique = [...new Map(ids.filter((id) => id.toLowerCase() !== self).map((id) => [id.toLowerCase(), id])).values()];
  if (unique.length === 0) throw accessErrors.noApprover();
  return unique;
}
