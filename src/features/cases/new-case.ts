import type { Case, CaseKind, CaseSystem, Requester, Urgency } from './case.js';
import { CASE_KINDS, CASE_SYSTEMS, URGENCIES } from './case.js';
import { caseErrors } from './case-errors.js';
import { FIELD_LABELS } from './case-labels.js';
import { dueAtFor, type CaseRules } from './transition.js';

export interface CaseForm {
  system: string;
  kind: string;
  urgency: string;
  description: string;
  question?: string;
  shown?: string;
  formId?: string;
}

const MAX_TEXT = 4000;

function pick<T extends string>(value: string, allowed: readonly T[], field: keyof typeof FIELD_LABELS): T {
  if (!(allowed as readonly string[]).includes(value)) throw caseErrors.badInput(FIELD_LABELS[field]);
  return value as T;
}

/** Checks the form and builds the new case with its number, due time and first history entry. */
export function newCase(id: string, form: CaseForm, requester: Requester, now: Date, rules: CaseRules): Case {
  const system: CaseSystem = pick(form.system, CASE_SYSTEMS, 'system');
  const kind: CaseKind = pick(form.kind, CASE_KINDS, 'kind');
  const urgency: Urgency = pick(form.urgency, URGENCIES, 'urgency');
  const description = (form.description.trim() || form.question?.trim() || '').slice(0, MAX_TEXT);
  if (!description) throw caseErrors.missingInput(FIELD_LABELS.description);
  const at = now.toISOString();
  return {
    id,
    version: 1,
    status: 'new',
    requester,
    system,
    kind,
    urgency,
    description,
    ...(form.question?.trim() ? { question: form.question.trim().slice(0, MAX_TEXT) } : {}),
    shownArticles: (form.shown ?? '').split(',').map((item) => item.trim()).filter(Boolean),
    ...(form.formId ? { formId: form.formId } : {}),
    openedAt: at,
    dueAt: dueAtFor(urgency, now, rules),
    reminders: {},
    history: [{ event: 'open', from: 'new', to: 'new', by: { aadObjectId: requester.aadObjectId, name: requester.name }, at }],
    messages: [],
  };
}
