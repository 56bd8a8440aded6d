import { z } from 'zod';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { plainText } from '../../shared/plain-text.js';

/**
 * Who a notice goes to beyond channels and system subscriptions (issue 12, item 4): people in any
 * of these departments, with any of these job titles, or in any of these Entra groups (the union).
 * Without any of them the notice goes to everyone who follows the affected systems, as before.
 */
export interface NoticeAudience {
  departments?: string[];
  jobTitles?: string[];
  /** Resolved when the notice is previewed, so the confirmed notice names groups by id. */
  groups?: Array<{ id: string; name: string }>;
}

const name = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const audienceSchema = z.strictObject({
  departments: z.array(name(200)).max(20, 'must name at most 20 departments').optional(),
  jobTitles: z.array(name(200)).max(20, 'must name at most 20 job titles').optional(),
  groups: z.array(z.strictObject({ id: name(200), name: name(256) })).max(20, 'must name at most 20 groups').optional(),
});

export const isTargeted = (audience: NoticeAudience | undefined): audience is NoticeAudience =>
  Boolean(audience && ((audience.departments?.length ?? 0) + (audience.jobTitles?.length ?? 0) + (audience.groups?.length ?? 0)) > 0);

const LABEL: Record<'department' | 'jobTitle' | 'group', Text> = {
  department: { et: 'osakond', en: 'department' },
  jobTitle: { et: 'ametinimetus', en: 'job title' },
  group: { et: 'grupp', en: 'group' },
};

/** The audience in words, e.g. `osakond: Pensionide osakond; ametinimetus: …; grupp: …`. */
export function describeAudience(audience: NoticeAudience, lang: Lang): string {
  const parts: string[] = [];
  const add = (label: Text, values: string[] | undefined) => {
    if (values && values.length > 0) parts.push(`${say(label, lang)}: ${values.map((value) => plainText(value)).join(', ')}`);
  };
  add(LABEL.department, audience.departments);
  add(LABEL.jobTitle, audience.jobTitles);
  add(LABEL.group, audience.groups?.map((group) => group.name));
  return parts.join('; ');
}

const split = (value: unknown): string[] =>
  typeof value === 'string' ? [...new Set(value.split(/[;,\n]/).map((item) => item.trim()).filter(Boolean))] : [];

/** The audience fields of the notice form as typed: groups still by name or id. */
export function readAudienceFields(data: Record<string, unknown>): { departments: string[]; jobTitles: string[]; groups: string[] } {
  return { departments: split(data.departments), jobTitles: split(data.jobTitles), groups: split(data.groups) };
}

/** Without empty lists, so a notice without targeting stores nothing. */
export function compactAudience(audience: NoticeAudience): NoticeAudience | undefined {
  const compact: NoticeAudience = {};
  if (audience.departments?.length) compact.departments = audience.departments;
  if (audience.jobTitles?.length) compact.jobTitles = audience.jobTitles;
  if (audience.groups?.length) compact.groups = audience.groups;
  return isTargeted(compact) ? compact : undefined;
}
