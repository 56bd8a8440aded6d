import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Article } from './article.js';
import { parseArticle } from './parse-article.js';

export interface FileProblem {
  file: string;
  problem: string;
}

export interface LoadedArticles {
  articles: Article[];
  problems: FileProblem[];
}

/** Drafts are work in progress and README.md describes the folder: neither is an article. */
function isArticleFile(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  return name.endsWith('.md') && name.toLowerCase() !== 'readme.md';
}

/** Every article file under `dir`, relative with `/`, sorted; skips `drafts/` and dot folders. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !file.split('/').some((part) => part === 'drafts' || part.startsWith('.')))
    .filter(isArticleFile)
    .sort();
}

/** Reads and parses every article; a file that does not parse is reported, not thrown. */
export async function loadArticles(dir: string): Promise<LoadedArticles> {
  const files = await listArticleFiles(dir);
  const articles: Article[] = [];
  const problems: FileProblem[] = [];
  for (const file of files) {
    const parsed = parseArticle(file, await fs.readFile(join(dir, file), 'utf8'));
    if (parsed.ok) articles.push(parsed.article);
    else for (const problem of parsed.problems) problems.push({ file, problem });
  }
  return { articles, problems };
}
