import { DomainError } from '../../shared/errors.js';
import { say, type Lang } from '../../shared/i18n.js';
import { audienceSchema, compactAudience, readAudienceFields, type NoticeAudience } from './audience.js';
import type { AudienceResolver } from './audience-resolver.js';
import { FORM_INVALID } from './notice-form.js';

const AUDIENCE_FIELDS = { departments: { et: 'Osakonnad', en: 'Departments' }, jobTitles: { et: 'Ametinimetused', en: 'Job titles' }, groups: { et: 'Entra grupid', en: 'Entra groups' } } as const;

/** The form's audience fields, groups looked up in the directory; a bad field is named. */
export async function audienceOf(data: Record<string, unknown>, lang: Lang, audiences: AudienceResolver): Promise<{ audience?: NoticeAudience }> {
  const typed = readAudienceFields(data);
  const audience = compactAudience({ departments: typed.departments, jobTitles: typed.jobTitles, groups: await audiences.resolveGroups(typed.groups) });
  if (!audience) return {};
  const parsed = audienceSchema.safeParse(audience);
  if (parsed.success) return { audience: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))].map((field) => say(AUDIENCE_FIELDS[field as keyof typeof AUDIENCE_FIELDS] ?? { et: field, en: field }, lang));
  throw new DomainError('INCIDENT_FORM_INVALID', FORM_INVALID, { fields: fields.join(', ') });
}
