/**
 * The knowledge keepers' tool.
 *
 *   npm run kb -- ask "question" [--json]     how the bot would answer
 *   npm run kb -- lint                        check every article; exit code 1 on problems
 *   npm run kb -- eval FILE [--json]          top-1, top-3, refusals and confident wrong answers,
 *                                             beside the plain fuse.js baseline
 *
 * The folder is KNOWLEDGE_DIR (through loadConfig) unless --dir is given.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/shared/logger.js';
import { buildBaseline } from '../src/features/knowledge/baseline-search.js';
import { evaluate, parseQuestionFile, type EvalFigures } from '../src/features/knowledge/evaluate-questions.js';
import { KnowledgeBase } from '../src/features/knowledge/knowledge-base.js';
import { lintKnowledge } from '../src/features/knowledge/lint-knowledge.js';

const USAGE = 'Usage: npm run kb -- ask "question" [--json] | lint | eval FILE [--json]   (options: --dir FOLDER)';

const GOALS: Array<[keyof EvalFigures, string, (value: number) => boolean, string]> = [
  ['top1', 'top-1 (answered with the right article)', (value) => value >= 0.85, '>= 0.85'],
  ['top3', 'top-3 (right article among the first three)', (value) => value >= 0.95, '>= 0.95'],
  ['refused', 'refused (out-of-scope questions)', (value) => value >= 0.9, '>= 0.90'],
  ['confidentWrong', 'confident wrong (over all questions)', (value) => value <= 0.03, '<= 0.03'],
];

async function openBase(dir: string): Promise<KnowledgeBase> {
  const config = loadConfig();
  const base = await KnowledgeBase.open({
    dir,
    logger: createLogger('warn', process.stderr),
    thresholds: config.kb,
    pollIntervalMs: 0,
  });
  if (!base.ready) throw new Error(`The knowledge base in ${dir} could not be loaded: ${base.notReadyReason}`);
  return base;
}

async function ask(dir: string, question: string, json: boolean): Promise<number> {
  const base = await openBase(dir);
  const outcome = base.search(question);
  if (json) {
    console.log(JSON.stringify({ q: question, decision: outcome.decision, results: outcome.results }));
    return 0;
  }
  console.log(`Decision: ${outcome.decision}${outcome.systems.length > 0 ? `   (systems named: ${outcome.systems.join(', ')})` : ''}`);
  for (const result of outcome.results) {
    console.log(`  ${result.score.toFixed(3)}  ${result.id.padEnd(36)} ${base.article(result.id, 'et')?.title ?? ''}`);
  }
  return 0;
}

async function lint(dir: string): Promise<number> {
  const problems = await lintKnowledge(dir);
  if (problems.length === 0) {
    console.log(`No problems in ${dir}.`);
    return 0;
  }
  let file = '';
  for (const problem of problems) {
    if (problem.file !== file) console.log(`\n${problem.file}`);
    file = problem.file;
    console.log(`  - ${problem.message}`);
  }
  console.log(`\n${problems.length} problem(s) in ${new Set(problems.map((problem) => problem.file)).size} file(s).`);
  return 1;
}

function figuresTable(file: string, ours: EvalFigures, baseline: EvalFigures): string {
  const lines = [
    `${file}: ${ours.questions} questions, ${ours.inScope} in scope, ${ours.outOfScope} out of scope`,
    `${'figure'.padEnd(46)}${'tugibot'.padStart(9)}${'baseline'.padStart(10)}   goal`,
  ];
  for (const [key, label, met, goal] of GOALS) {
    lines.push(`${label.padEnd(46)}${ours[key].toFixed(3).padStart(9)}${baseline[key].toFixed(3).padStart(10)}   ${goal} ${met(ours[key]) ? 'met' : 'NOT MET'}`);
  }
  lines.push('baseline: plain fuse.js over title + body, default options, answer when 1 - score > 0.5');
  return lines.join('\n');
}

async function evalFile(dir: string, file: string, json: boolean): Promise<number> {
  const questions = parseQuestionFile(await readFile(file, 'utf8'));
  const base = await openBase(dir);
  const baselineAsk = buildBaseline(base.articles());
  const ours = evaluate(questions, (question) => {
    const outcome = base.search(question);
    if (json) console.log(JSON.stringify({ q: question, decision: outcome.decision, results: outcome.results }));
    return outcome;
  });
  const table = figuresTable(file, ours, evaluate(questions, baselineAsk));
  if (json) console.error(table);
  else console.log(table);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, dir: { type: 'string' } },
  });
  const [command, argument] = positionals;
  const dir = values.dir ?? loadConfig().knowledgeDir;
  if (command === 'ask' && argument) return ask(dir, positionals.slice(1).join(' '), values.json);
  if (command === 'lint') return lint(dir);
  if (command === 'eval' && argument) return evalFile(dir, argument, values.json);
  console.error(USAGE);
  return 2;
}

// `... --json | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
