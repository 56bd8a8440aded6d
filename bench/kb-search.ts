/**
 * Knowledge search latency and index build time, on the real base and on 10,000 synthetic articles
 * made of its vocabulary, beside the plain fuse.js baseline. Run: npx tsx bench/kb-search.ts
 * Options: --dir FOLDER (default ./knowledge), --synthetic N (default 10000), --rounds N (default 5).
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { Article } from '../src/features/knowledge/article.js';
import { buildBaseline } from '../src/features/knowledge/baseline-search.js';
import { parseQuestionFile } from '../src/features/knowledge/evaluate-questions.js';
import { loadArticles } from '../src/features/knowledge/load-articles.js';
import { buildSearchIndex } from '../src/features/knowledge/search-index.js';
import { TRAINED_THRESHOLDS } from '../src/features/knowledge/decision-model.js';
import { searchKnowledge } from '../src/features/knowledge/search-knowledge.js';
import { syntheticArticles } from './kb-synthetic.js';

const QUESTION_FILES = ['test/unit/knowledge/fixtures/kb-questions.dev.jsonl', 'test/unit/knowledge/heldout-questions.jsonl'];
const THRESHOLDS = TRAINED_THRESHOLDS;
const GOAL_P95_MS = 5;
/** Plain fuse.js takes up to seconds per question at 10,000 articles: it is timed on about this many questions, once. */
const BASELINE_AT_SCALE_QUESTIONS = 24;

interface Row {
  name: string;
  articles: number;
  buildMs: number;
  p50: number;
  p95: number;
  max: number;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

function time<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

/** Builds with `build`, warms up over the questions (unless `rounds` is 1), then times every question `rounds` times. */
function measure(name: string, articles: Article[], questions: string[], rounds: number, build: (articles: Article[]) => (question: string) => unknown): Row {
  const [ask, buildMs] = time(() => build(articles));
  if (rounds > 1) for (const question of questions) ask(question);
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round += 1) for (const question of questions) latencies.push(time(() => ask(question))[1]);
  latencies.sort((a, b) => a - b);
  return { name, articles: articles.length, buildMs, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies[latencies.length - 1] };
}

const ours = (articles: Article[]) => {
  const index = buildSearchIndex(articles);
  return (question: string) => searchKnowledge(index, question, THRESHOLDS);
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: './knowledge' }, synthetic: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' } } });
  const rounds = Number(values.rounds);
  const { articles: real } = await loadArticles(values.dir);
  const questions = (await Promise.all(QUESTION_FILES.map((file) => readFile(file, 'utf8')))).flatMap((text) => parseQuestionFile(text).map((entry) => entry.q));
  const synthetic = [...real, ...syntheticArticles(real, Number(values.synthetic))];
  const every = Math.ceil(questions.length / BASELINE_AT_SCALE_QUESTIONS);
  const sample = questions.filter((_, at) => at % every === 0);
  const rows = [
    measure('tugibot search, real base', real, questions, rounds, ours),
    measure('baseline fuse.js, real base', real, questions, rounds, buildBaseline),
    measure(`tugibot search, real + ${values.synthetic} synthetic`, synthetic, questions, rounds, ours),
    measure(`baseline fuse.js, real + ${values.synthetic} synthetic`, synthetic, sample, 1, buildBaseline),
  ];
  console.log(`Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'})`);
  console.log(`${questions.length} questions (dev + held-out), warmed up, timed ${rounds} times each; baseline at scale: ${sample.length} of them, once, cold`);
  console.log(`${'index'.padEnd(46)}${'articles'.padStart(9)}${'build ms'.padStart(10)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(46)}${String(row.articles).padStart(9)}${row.buildMs.toFixed(0).padStart(10)}${row.p50.toFixed(2).padStart(9)}${row.p95.toFixed(2).padStart(9)}${row.max.toFixed(2).padStart(9)}`);
  }
  const atScale = rows[2];
  console.log(`goal: p95 <= ${GOAL_P95_MS} ms per query at 10,000 articles: ${atScale.p95 <= GOAL_P95_MS ? 'met' : 'NOT MET'} (${atScale.p95.toFixed(2)} ms)`);
}

void main();
