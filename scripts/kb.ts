/**
 * The knowledge keepers' tool.
 *
 *   npm run kb -- ask "question" [--json]     how the bot would answer
 *   npm run kb -- lint                        check every article; exit code 1 on problems
 *   npm run kb -- eval FILE [--json]          answered right, right article shown, refusals and
 *                                             confident wrong answers, beside plain fuse.js
 *   npm run kb -- eval FILE --cv 5            the same figures cross-validated: each fold decided
 *                                             with parameters chosen on the other folds
 *   npm run kb -- eval FILE FILE2 --cv 5      several files are evaluated as one set
 *   npm run kb -- eval FILE --cv 5 --repeat 6 the cross-validation repeated with 6 shuffles, averaged
 *
 * The folder is KNOWLEDGE_DIR (through loadConfig) unless --dir is given.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/shared/logger.js';
import { buildBaseline } from '../src/features/knowledge/baseline-search.js';
import { crossValidate } from '../src/features/knowledge/cross-validate.js';
import { evaluate, parseQuestionFile, type EvalFigures, type EvalQuestion } from '../src/features/knowledge/evaluate-questions.js';
import { suggestionsOf, type SearchOutcome } from '../src/features/knowledge/search-knowledge.js';
import { KnowledgeBase } from '../src/features/knowledge/knowledge-base.js';
import { lintKnowledge } from '../src/features/knowledge/lint-knowledge.js';

const USAGE = 'Usage: npm run kb -- ask "question" [--json] | lint | eval FILE... [--json] [--cv K [--repeat R]]   (options: --dir FOLDER)';

const GOALS: Array<[keyof EvalFigures, string, (value: number) => boolean, string]> = [
  ['top1', 'top-1 (answered with the right article)', (value) => value >= 0.8, '>= 0.80'],
  ['top3', 'shown (right article answered or suggested)', (value) => value >= 0.92, '>= 0.92'],
  ['refused', 'refused (out of scope and small talk)', (value) => value >= 0.9, '>= 0.90'],
  ['confidentWrong', 'confident wrong (over all questions)', (value) => value <= 0.03, '<= 0.03'],
];

/**
 * One JSON line per question: `q`, `decision`, `results` (the ranking), `shown` (the ids of the
 * articles the person sees: the answer, or the suggestions, which are fewer than the ranking when a
 * topic scores under half of the first), and `smalltalk: true` for small talk.
 */
function jsonLine(question: string, outcome: SearchOutcome): string {
  const shown = outcome.decision === 'answer' ? outcome.results.slice(0, 1) : outcome.decision === 'suggest' ? suggestionsOf(outcome) : [];
  return JSON.stringify({
    q: question,
    decision: outcome.decision,
    results: outcome.results,
    shown: shown.map((result) => result.id),
    ...(outcome.smalltalk ? { smalltalk: true, smalltalkKind: outcome.smalltalk.kind } : {}),
  });
}

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
    console.log(jsonLine(question, outcome));
    return 0;
  }
  const talk = outcome.smalltalk ? `   (small talk: ${outcome.smalltalk.kind})` : '';
  console.log(`Decision: ${outcome.decision}${outcome.systems.length > 0 ? `   (systems named: ${outcome.systems.join(', ')})` : ''}${talk}`);
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

function figuresTable(file: string, ours: EvalFigures, baseline: EvalFigures, note = ''): string {
  const lines = [
    `${file}: ${ours.questions} questions, ${ours.inScope} in scope, ${ours.outOfScope} out of scope or small talk${note}`,
    `${'figure'.padEnd(46)}${'tugibot'.padStart(9)}${'baseline'.padStart(10)}   goal`,
  ];
  for (const [key, label, met, goal] of GOALS) {
    lines.push(`${label.padEnd(46)}${ours[key].toFixed(3).padStart(9)}${baseline[key].toFixed(3).padStart(10)}   ${goal} ${met(ours[key]) ? 'met' : 'NOT MET'}`);
  }
  lines.push('baseline: plain fuse.js over title + body, default options, answers with its best match when it finds one');
  return lines.join('\n');
}

/** Held-out figures of k-fold cross-validation of the decision, and the parameters chosen on all. */
function crossValidated(base: KnowledgeBase, questions: EvalQuestion[], k: number, repeats: number): { figures: EvalFigures; report: string } {
  const rankings = questions.map((question) => base.rank(question.q));
  const { heldOut, repeats: passes, perFold, onAll } = crossValidate(questions, rankings, k, repeats);
  const show = (params: object): string => Object.entries(params).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(' ');
  const range = (key: keyof EvalFigures): string => `${Math.min(...passes.map((pass) => pass[key])).toFixed(3)}-${Math.max(...passes.map((pass) => pass[key])).toFixed(3)}`;
  const report = [
    ...(repeats > 1 ? [`over ${repeats} shuffles: answered right ${range('top1')}, shown ${range('top3')}, refused ${range('refused')}, confident wrong ${range('confidentWrong')}`] : []),
    ...perFold.map((params, fold) => `fold ${fold + 1} chose: ${show(params)}`),
    `chosen on all questions (for the bot): ${show(onAll)}`,
  ].join('\n');
  return { figures: heldOut, report };
}

/** Several question files are read as one set (`eval a.jsonl b.jsonl --cv 5` cross-validates their union). */
async function evalFile(dir: string, files: string[], json: boolean, folds?: number, repeats = 1): Promise<number> {
  const questions = (await Promise.all(files.map(async (file) => parseQuestionFile(await readFile(file, 'utf8'))))).flat();
  const file = files.join(' + ');
  const base = await openBase(dir);
  const baseline = evaluate(questions, buildBaseline(base.articles()));
  if (folds !== undefined) {
    if (!Number.isInteger(folds) || folds < 2 || folds > questions.length) throw new Error(`--cv needs a whole number of folds from 2 to ${questions.length}`);
    if (!Number.isInteger(repeats) || repeats < 1 || repeats > 50) throw new Error('--repeat needs a whole number of shuffles from 1 to 50');
    const { figures, report } = crossValidated(base, questions, folds, repeats);
    const over = repeats > 1 ? `, mean of ${repeats} shuffles` : '';
    console.log(figuresTable(file, figures, baseline, `; ${folds}-fold cross-validated (held-out folds${over})`));
    console.log(report);
    return 0;
  }
  const ours = evaluate(questions, (question) => {
    const outcome = base.search(question);
    if (json) console.log(jsonLine(question, outcome));
    return outcome;
  });
  const table = figuresTable(file, ours, baseline);
  if (json) console.error(table);
  else console.log(table);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, dir: { type: 'string' }, cv: { type: 'string' }, repeat: { type: 'string' } },
  });
  const [command, argument] = positionals;
  const dir = values.dir ?? loadConfig().knowledgeDir;
  if (command === 'ask' && argument) return ask(dir, positionals.slice(1).join(' '), values.json);
  if (command === 'lint') return lint(dir);
  if (command === 'eval' && argument) return evalFile(dir, positionals.slice(1), values.json, values.cv === undefined ? undefined : Number(values.cv), values.repeat === undefined ? 1 : Number(values.repeat));
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
