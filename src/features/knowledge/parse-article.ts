import matter from 'gray-matter';
import type { Lang } from '../../shared/i18n.js';
import type { Article } from './article.js';
import { frontMatterSchema } from './front-matter-schema.js';

export type ParsedArticle = { ok: true; article: Article } | { ok: false; problems: string[] };

/**
 * Parses one article file. `file` is its path relative to the knowledge folder; the folder decides
 * the language it must be in (`en/` English, elsewhere Estonian).
 */
export function parseArticle(file: string, raw: string): ParsedArticle {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options given on purpose: without them gray-matter caches every file text forever.
    parsed = matter(raw, {});
  } catch (error) {
    return { ok: false, problems: [`the front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (Object.keys(parsed.data).length === 0) return { ok: false, problems: ['has no front matter (a --- block at the top)'] };
  const result = frontMatterSchema.safeParse(parsed.data);
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.join('.') || 'front matter'}: ${issue.message}`) };
  }
  const data = result.data;
  return {
    ok: true,
    article: {
      id: data.id,
      topic: data.translationOf ?? data.id,
      title: data.title,
      system: data.system,
      lang: data.lang as Lang,
      phrasings: data.phrasings,
      keywords: data.keywords,
      updated: data.updated,
      owner: data.owner,
      sources: data.sources,
      links: data.links ?? [],
      translationOf: data.translationOf,
      body: parsed.content.trim(),
      file,
    },
  };
}

/** The language an article must be written in, by its folder. */
export function expectedLang(file: string): Lang {
  return file.split('/')[0] === 'en' ? 'en' : 'et';
}
