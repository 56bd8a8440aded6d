import { z } from 'zod';
import { audienceSchema } from './audience.js';
import { SEVERITIES, STATUSES, type IncidentContent } from './incident.js';

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO time such as 2026-12-01T08:00:00Z' });
const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** The body of `POST /api/incidents` (see contracts.md). Unknown fields are refused, so typos show. */
export const incidentInputSchema = z.strictObject({
  ref: line(200).optional(),
  systems: z.array(line(60)).min(1, 'must name at least one system').max(20, 'must name at most 20 systems'),
  severity: z.enum(SEVERITIES, { message: `must be one of ${SEVERITIES.join(', ')}` }),
  status: z.enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` }),
  title: line(200),
  description: line(4000),
  titleEn: line(200).optional(),
  descriptionEn: line(4000).optional(),
  startsAt: isoTime.optional(),
  expectedEnd: isoTime.optional(),
  /** Only people in these departments, with these job titles or in these Entra groups (issue 12). */
  audience: audienceSchema.optional(),
});

export type IncidentInput = z.infer<typeof incidentInputSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Names every bad field in one line, e.g. `severity: must be one of critical, major, minor`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

export function parseIncidentInput(body: unknown): Parsed<IncidentInput> {
  const parsed = incidentInputSchema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeIssues(parsed.error) };
}

/** The input without its ref, with times normalised to UTC ISO strings. */
export function contentOfInput(input: IncidentInput): IncidentContent {
  const { ref: _ref, ...content } = input;
  return {
    ...content,
    startsAt: content.startsAt && new Date(content.startsAt).toISOString(),
    expectedEnd: content.expectedEnd && new Date(content.expectedEnd).toISOString(),
  };
}
