import { promises as fs } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import type { Article } from './article.js';
import { listArticleFiles } from './load-articles.js';
import { expectedLang, parseArticle } from './parse-article.js';
import { isWebAddress } from './web-address.js';

export interface LintProblem {
  file: string;
  message: string;
}

const looksLikeAddress = (value: string): boolean => /^[a-z]+:\/\//i.test(value) || /^www\./i.test(value);

/** Headings with nothing under them before the next heading of the same or a higher level. */
export function emptySections(body: string): string[] {
  const lines = body.split(/\r?\n/);
  const empty: string[] = [];
  let fenced = false;
  const headings: Array<{ line: number; level: number; title: string }> = [];
  lines.forEach((text, line) => {
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    const match = fenced ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
    if (match) headings.push({ line, level: match[1].length, title: match[2] });
  });
  headings.forEach((heading, at) => {
    const next = headings.slice(at + 1).find((other) => other.level <= heading.level);
    const firstSub = headings[at + 1];
    const end = firstSub && firstSub.level > heading.level ? firstSub.line : (next?.line ?? lines.length);
    const hasText = lines.slice(heading.line + 1, end).some((text) => text.trim() !== '');
    const hasSubsections = firstSub !== undefined && firstSub.level > heading.level;
    if (!hasText && !hasSubsections) empty.push(heading.title || '(untitled heading)');
  });
  return empty;
}

function markdownLinks(body: string): string[] {
  return [...body.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]);
}

/** The card shows `sources` from the front matter; a body with its own line would show two. */
const SOURCES_LINE = /^\s*(\*\*|_)?(Allikas|Allikad|Source|Sources)(\*\*|_)?:/im;

/** Article ids a body names in its text (outside link targets and web addresses): people should see titles. */
export function idsNamedIn(body: string, ids: Iterable<string>): string[] {
  const text = body.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
  return [...ids].filter((id) => new RegExp(`(?<![\\p{L}\\p{N}/.-])${id}(?![\\p{L}\\p{N}-])`, 'u').test(text));
}

function checkArticle(article: Article, files: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const lang = expectedLang(article.file);
  const name = article.file.split('/').pop()?.replace(/\.md$/, '');
  if (article.lang !== lang) problems.push(`lang is ${article.lang}, but files in ${lang === 'en' ? 'en/' : 'the top folder'} must be ${lang}`);
  if (article.lang === 'en') {
    if (!article.translationOf) problems.push('translationOf is missing: an English article names the Estonian article it translates');
    else if (article.id !== `${article.translationOf}-en`) problems.push(`id should be ${article.translationOf}-en (translationOf + "-en")`);
    if (name !== article.translationOf) problems.push(`the file should be named ${article.translationOf}.md, like the Estonian article`);
  } else {
    if (article.translationOf) problems.push('translationOf is only for English translations');
    if (name !== article.id) problems.push(`the file should be named ${article.id}.md, after its id`);
  }
  if (article.body.trim() === '') problems.push('the body is empty');
  for (const title of emptySections(article.body)) problems.push(`the section "${title}" is empty`);
  if (SOURCES_LINE.test(article.body)) problems.push('the body has its own sources line: the card already shows the front matter\'s sources, so remove it');
  for (const link of article.links) if (!isWebAddress(link.url)) problems.push(`links: "${link.url}" is not a valid http(s) address`);
  for (const source of article.sources) if (looksLikeAddress(source) && !isWebAddress(source)) problems.push(`sources: "${source}" is not a valid http(s) address`);
  for (const target of markdownLinks(article.body)) {
    if (/^(mailto|tel):/i.test(target) || target.startsWith('#')) continue;
    if (looksLikeAddress(target)) {
      if (!isWebAddress(target)) problems.push(`the body links to "${target}", which is not a valid http(s) address`);
      continue;
    }
    const path = normalize(join(dirname(article.file), target.split('#')[0])).split('\\').join('/');
    if (!files.has(path)) problems.push(`the body links to "${target}", which is not an article`);
  }
  return problems;
}

/**
 * Checks every article of a knowledge folder: front matter against the schema, ids, languages and
 * file names, translations pointing to existing articles, duplicate ids, empty bodies and sections,
 * malformed addresses, links to missing articles, a sources line of the body's own (the card shows
 * the front matter's) and article ids in the text (people see titles). Returns the problems, file by file.
 */
export async function lintKnowledge(dir: string): Promise<LintProblem[]> {
  const files = await listArticleFiles(dir);
  const problems: LintProblem[] = [];
  const articles: Article[] = [];
  for (const file of files) {
    const parsed = parseArticle(file, await fs.readFile(join(dir, file), 'utf8'));
    if (!parsed.ok) problems.push(...parsed.problems.map((message) => ({ file, message })));
    else articles.push(parsed.article);
  }
  const fileSet = new Set(files);
  const byId = new Map<string, Article>();
  for (const article of articles) {
    const first = byId.get(article.id);
    if (first) problems.push({ file: article.file, message: `duplicate id ${article.id}: also used by ${first.file}` });
    else byId.set(article.id, article);
    problems.push(...checkArticle(article, fileSet).map((message) => ({ file: article.file, message })));
  }
  for (const article of articles) {
    for (const id of idsNamedIn(article.body, byId.keys())) {
      problems.push({ file: article.file, message: `the body names the article id ${id}: people see titles, so write "${byId.get(id)?.title}" instead` });
    }
  }
  for (const article of articles) {
    if (!article.translationOf) continue;
    const original = byId.get(article.translationOf);
    if (!original) problems.push({ file: article.file, message: `translationOf: there is no article ${article.translationOf}` });
    else if (original.lang !== 'et') problems.push({ file: article.file, message: `translationOf: ${article.translationOf} is not an Estonian article` });
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file));
}
