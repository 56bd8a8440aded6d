import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { evaluate, parseQuestionFile, type EvalFigures } from '../../../src/features/knowledge/evaluate-questions.js';
import { loadArticles } from '../../../src/features/knowledge/load-articles.js';
import { buildSearchIndex, type SearchIndex } from '../../../src/features/knowledge/search-index.js';
import { searchKnowledge } from '../../../src/features/knowledge/search-knowledge.js';
import { THRESHOLDS } from './knowledge-test-kit.js';

/** The real knowledge base of the repository, and the question sets it must answer. */
const KNOWLEDGE = fileURLToPath(new URL('../../../knowledge', import.meta.url));
const DEV = fileURLToPath(new URL('./fixtures/kb-questions.dev.jsonl', import.meta.url));
const HELD_OUT = fileURLToPath(new URL('./heldout-questions.jsonl', import.meta.url));

let index: SearchIndex;
beforeAll(async () => {
  const { articles, problems } = await loadArticles(KNOWLEDGE);
  expect(problems).toEqual([]);
  index = buildSearchIndex(articles);
});

async function figuresFor(file: string): Promise<EvalFigures> {
  const questions = parseQuestionFile(await readFile(file, 'utf8'));
  return evaluate(questions, (question) => searchKnowledge(index, question, THRESHOLDS));
}

function expectGoals(figures: EvalFigures): void {
  expect(figures.top1).toBeGreaterThanOrEqual(0.85);
  expect(figures.top3).toBeGreaterThanOrEqual(0.95);
  expect(figures.refused).toBeGreaterThanOrEqual(0.9);
  expect(figures.confidentWrong).toBeLessThanOrEqual(0.03);
}

describe('the real knowledge base', () => {
  it('reaches the goals on the development questions', async () => {
    expectGoals(await figuresFor(DEV));
  });

  it('reaches the goals on the held-out questions written for this feature', async () => {
    expectGoals(await figuresFor(HELD_OUT));
  });
});
