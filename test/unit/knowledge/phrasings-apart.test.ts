import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { questionKey } from '../../../src/features/knowledge/clean-question.js';
import { loadArticles } from '../../../src/features/knowledge/load-articles.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The folders that hold evaluation questions: they must stay unseen by the articles. */
const EVAL_FOLDERS = ['test/unit/knowledge', 'test/unit/knowledge/fixtures', 'test/fixtures/kb-eval'];

async function evaluationQuestions(): Promise<Map<string, string>> {
  const questions = new Map<string, string>();
  for (const folder of EVAL_FOLDERS.map((name) => join(ROOT, name)).filter(existsSync)) {
    for (const name of (await readdir(folder)).filter((file) => file.endsWith('.jsonl'))) {
      for (const line of (await readFile(join(folder, name), 'utf8')).split('\n').filter((text) => text.trim() !== '')) {
        questions.set(questionKey((JSON.parse(line) as { q: string }).q), name);
      }
    }
  }
  return questions;
}

describe('article phrasings stay apart from the evaluation questions', () => {
  it('no phrasing of the real base is an evaluation question (a learned phrasing must not copy one either)', async () => {
    const questions = await evaluationQuestions();
    expect(questions.size).toBeGreaterThan(100);
    const { articles } = await loadArticles(join(ROOT, 'knowledge'));
    const copied = articles.flatMap((article) => article.phrasings
      .filter((phrasing) => questions.has(questionKey(phrasing)))
      .map((phrasing) => `${article.file}: "${phrasing}" is in ${questions.get(questionKey(phrasing))}`));
    expect(copied).toEqual([]);
  });
});
