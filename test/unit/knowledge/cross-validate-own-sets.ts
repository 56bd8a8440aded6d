/**
 * The cross-validated figures of the three own question sets and fuse.js's answered right on
 * them, as one JSON line, for knowledge-figures.test.ts. It runs in a process of its own
 * (`spawnTs`): inside jest's module sandbox the fitting and fuse.js take about three times the CPU.
 *
 *   node --import tsx test/unit/knowledge/cross-validate-own-sets.ts FOLDS SHUFFLES
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildBaseline } from '../../../src/features/knowledge/baseline-search.js';
import { crossValidate } from '../../../src/features/knowledge/cross-validate.js';
import { evaluate, parseQuestionFile } from '../../../src/features/knowledge/evaluate-questions.js';
import { loadArticles } from '../../../src/features/knowledge/load-articles.js';
import { buildSearchIndex } from '../../../src/features/knowledge/search-index.js';
import { rankTopics } from '../../../src/features/knowledge/search-knowledge.js';

const KNOWLEDGE = fileURLToPath(new URL('../../../knowledge', import.meta.url));
import { TUNING_SETS } from '../../../bench/kb-sets.js';

async function main(): Promise<void> {
  const [folds, shuffles] = process.argv.slice(2).map(Number);
  const { articles, problems } = await loadArticles(KNOWLEDGE);
  if (problems.length > 0) throw new Error(`the knowledge base has problems: ${JSON.stringify(problems)}`);
  const index = buildSearchIndex(articles);
  const questions = (await Promise.all(TUNING_SETS.map(async (file) => parseQuestionFile(await readFile(file, 'utf8'))))).flat();
  const { heldOut } = crossValidate(questions, questions.map((question) => rankTopics(index, question.q)), folds, shuffles);
  // fuse.js is slow over whole articles: only its answered right is compared, which counts the in-scope questions alone
  const baseline = evaluate(questions.filter((question) => question.expect !== null), buildBaseline(articles));
  console.log(JSON.stringify({ heldOut, baselineTop1: baseline.top1 }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
