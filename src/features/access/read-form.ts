import type { RequestInput } from './assess-request.js';
import type { RequestKind } from './model.js';

const KINDS: RequestKind[] = ['grant', 'suspend', 'close'];

const field = (data: Record<string, unknown>, key: string): string => (typeof data[key] === 'string' ? (data[key] as string).trim() : '');

/** The request form's inputs as typed values; a multi-select arrives as `a,b,c`. */
export function readForm(data: Record<string, unknown>): RequestInput & { subject: string; subjectText: string } {
  const kind = KINDS.find((item) => item === field(data, 'kind')) ?? 'grant';
  return {
    kind,
    subject: field(data, 'subject'),
    subjectText: field(data, 'subjectId'),
    system: kind === 'close' ? '' : field(data, 'system'),
    roles: kind === 'grant' ? field(data, 'roles').split(',').map((role) => role.trim()).filter(Boolean) : [],
    justification: field(data, 'justification'),
    flagReason: field(data, 'flagReason') || undefined,
    start: field(data, 'start'),
    end: field(data, 'end') || undefined,
  };
}
