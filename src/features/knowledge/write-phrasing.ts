import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { foldText } from '../../shared/i18n.js';
import { addPhrasing } from './add-phrasing.js';
import type { Article } from './article.js';
import { parseArticle } from './parse-article.js';

export type WriteResult = 'added' | 'already-there';

function sameArticle(before: Article, after: Article, phrasing: string): boolean {
  const expected = { ...before, phrasings: [...before.phrasings, phrasing] };
  return JSON.stringify(expected) === JSON.stringify(after);
}

/** The temporary file next to the article; a dot name, so the knowledge base never loads it. */
export function temporaryFileOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.phrasing-tmp`);
}

/** Writes `text` over `path` atomically: a temporary file in the same folder, flushed, then renamed. */
async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = temporaryFileOf(path);
  const { mode } = await fs.stat(path);
  try {
    const handle = await fs.open(temporary, 'w', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true, recursive: false }).catch(() => undefined);
    throw error;
  }
}

/**
 * Adds a phrasing to the article file `file` (relative to the knowledge folder `dir`). Reads the
 * file as it is now, checks that the edited file parses to the same article with one more
 * phrasing, and replaces the file atomically. Writes run one at a time.
 */
export class PhrasingWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  add(file: string, phrasing: string): Promise<WriteResult> {
    const run = this.queue.then(() => this.write(file, phrasing));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(file: string, phrasing: string): Promise<WriteResult> {
    const path = join(this.dir, file);
    const raw = await fs.readFile(path, 'utf8');
    const before = parseArticle(file, raw);
    if (!before.ok) throw new Error(`${file} is broken: ${before.problems.join('; ')}`);
    if (before.article.phrasings.some((existing) => foldText(existing) === foldText(phrasing))) return 'already-there';
    const text = addPhrasing(raw, phrasing);
    const after = parseArticle(file, text);
    if (!after.ok || !sameArticle(before.article, after.article, phrasing)) {
      throw new Error(`adding the phrasing would change more than the phrasings of ${file}`);
    }
    await replaceFile(path, text);
    return 'added';
  }
}
