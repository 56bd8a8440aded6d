import type { DirectoryPerson } from '../../shared/directory.js';
import type { Text } from '../../shared/i18n.js';
import { accessErrors } from './access-errors.js';
import { findRole, findSystem, mayHold, type Catalogue } from './catalogue.js';
import { isDay } from './dates.js';
import type { Flag, RequestKind } from './model.js';

/** What the request form sends, after the inputs are read. */
export interface RequestInput {
  kind: RequestKind;
  system: string;
  roles: string[];
  justification: string;
  start: string;
  end?: string;
  flagReason?: string;
}

const PROBLEMS = {
  system: { et: 'vali süsteem', en: 'choose a system' },
  roles: { et: 'vali vähemalt üks roll', en: 'choose at least one role' },
  justification: { et: 'kirjuta põhjendus', en: 'write a justification' },
  start: { et: 'alguskuupäev peab olema täna või hiljem', en: 'the start date must be today or later' },
  end: { et: 'lõppkuupäev peab olema pärast alguskuupäeva', en: 'the end date must be after the start date' },
  suspendEnd: { et: 'peatamisel on vaja lõppkuupäeva (päev, mil õigused taastatakse)', en: 'a suspension needs an end date (the day the rights are restored)' },
} satisfies Record<string, Text>;

function roleProblem(role: string, system: string): Text {
  return { et: `roll ${role} ei kuulu süsteemi ${system}`, en: `role ${role} does not belong to ${system}` };
}

/** Checks the form's content; throws ACCESS_BAD_INPUT naming every problem. */
export function validateRequest(catalogue: Catalogue, input: RequestInput, today: string): void {
  const problems: Text[] = [];
  if (input.kind !== 'close') {
    if (!findSystem(catalogue, input.system)) problems.push(PROBLEMS.system);
    if (input.kind === 'grant' && input.roles.length === 0) problems.push(PROBLEMS.roles);
    for (const role of input.roles) if (findRole(catalogue, role)?.system.id !== input.system) problems.push(roleProblem(role, input.system));
  }
  if (input.justification.trim().length < 3) problems.push(PROBLEMS.justification);
  if (!isDay(input.start) || input.start < today) problems.push(PROBLEMS.start);
  if (input.end !== undefined && (!isDay(input.end) || input.end <= input.start)) problems.push(PROBLEMS.end);
  if (input.kind === 'suspend' && input.end === undefined) problems.push(PROBLEMS.suspendEnd);
  if (problems.length > 0) throw accessErrors.badInput(problems);
}

/**
 * Flags the roles the person's job description does not support and the roles that may not be
 * combined with each other or with what the person already holds (both ways, even when the rule
 * is written once). A flagged request is not refused: it needs a reason and an acknowledgement.
 */
export function assessRoles(catalogue: Catalogue, subject: Pick<DirectoryPerson, 'jobTitle' | 'department'>, roles: string[], held: string[]): Flag[] {
  const flags: Flag[] = [];
  for (const id of roles) {
    const found = findRole(catalogue, id);
    if (found && !mayHold(found.role, subject)) flags.push({ kind: 'job', role: id });
  }
  const all = new Set([...roles, ...held]);
  for (const rule of catalogue.incompatible) {
    const [a, b] = rule.roles;
    if (!all.has(a) || !all.has(b)) continue;
    if (roles.includes(a)) flags.push({ kind: 'combination', role: a, other: b });
    else if (roles.includes(b)) flags.push({ kind: 'combination', role: b, other: a });
  }
  return flags;
}
