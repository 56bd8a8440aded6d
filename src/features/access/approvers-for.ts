import type { DirectoryPerson } from '../../shared/directory.js';
import { accessErrors } from './access-errors.js';
import type { Catalogue, CatalogueSystem } from './catalogue.js';

export interface Approvers {
  ids: string[];
  /** Nobody in the directory could approve, so the catalogue's named approvers do (and people are told so). */
  fromCatalogue: boolean;
}

const same = (a: string | undefined, b: string | undefined): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();

function unique(ids: string[], excluded: string[]): string[] {
  const kept = ids.filter((id) => !excluded.some((other) => same(id, other)));
  return [...new Map(kept.map((id) => [id.toLowerCase(), id])).values()];
}

/**
 * Who approves a request: the subject's manager (when the system asks for the manager) and the
 * system's named approvers. Separation of duties: neither the subject nor the requester is ever an
 * approver, whoever filed it. When the subject's manager is the requester (a manager asking for a
 * subordinate), the requester's own manager steps in; when nobody is left (say a specialist asks
 * for their own manager, who has no manager), the catalogue's named approvers decide.
 */
export function approversFor(catalogue: Catalogue, system: CatalogueSystem, subject: DirectoryPerson, requester: DirectoryPerson): Approvers {
  const excluded = [subject.id, requester.id];
  const ids: string[] = [];
  if (system.approval.manager) {
    const manager = [subject.managerId, requester.managerId].find((id) => id && !excluded.some((other) => same(id, other)));
    if (manager) ids.push(manager);
  }
  ids.push(...system.approval.approvers);
  const approvers = unique(ids, excluded);
  if (approvers.length > 0) return { ids: approvers, fromCatalogue: false };
  const fallback = unique(catalogue.approvers, excluded);
  if (fallback.length === 0) throw accessErrors.noApprover();
  return { ids: fallback, fromCatalogue: true };
}

/**
 * Who approves a substitution: the absent person's manager; when there is none, or the manager is
 * the substitute or the one who recorded it, another specialist (in the specialists' channel).
 * Returns the manager's id, or undefined for "another specialist".
 */
export function substitutionApprover(person: DirectoryPerson, substituteId: string, recordedBy: string): string | undefined {
  const manager = person.managerId;
  if (!manager || [person.id, substituteId, recordedBy].some((id) => same(id, manager))) return undefined;
  return manager;
}
