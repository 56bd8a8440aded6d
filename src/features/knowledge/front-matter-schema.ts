import { z } from 'zod';
import { SYSTEMS } from './article.js';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. star-koolitus');
const line = z.string().trim().min(1, 'must not be empty');

function isoDay(value: Date | string, ctx: z.RefinementCtx): string {
  const day = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) {
    ctx.addIssue({ code: 'custom', message: `must be a date such as 2026-11-26, got "${String(value)}"` });
    return z.NEVER;
  }
  return day;
}

/** The YAML front matter every article carries. Unknown keys are refused: they are usually typos. */
export const frontMatterSchema = z
  .object({
    id: slug,
    title: line,
    system: z.enum(SYSTEMS, { message: `must be one of ${SYSTEMS.join(', ')}` }),
    lang: z.enum(['et', 'en'], { message: 'must be et or en' }),
    phrasings: z.array(line, { message: 'must be a list of questions' }).min(1, 'must list at least one question'),
    keywords: z.array(line, { message: 'must be a list of words' }),
    updated: z.union([z.date(), z.string()], { message: 'must be a date such as 2026-11-26' }).transform(isoDay),
    owner: line,
    sources: z.array(line, { message: 'must be a list' }).min(1, 'must name at least one source'),
    links: z.array(z.object({ title: line, url: line }).strict(), { message: 'must be a list of {title, url}' }).optional(),
    translationOf: slug.optional(),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;
