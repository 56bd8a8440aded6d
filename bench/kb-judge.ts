/**
 * One line per figure set for judging a change to the articles or the ranking, the way
 * bench/README-kb.md judges them:
 *
 *   1. the own tuning sets (bench/kb-sets.ts; `--sets N` for the first N, e.g. 2 as judged before set 3 existed),
 *      5-fold cross-validated, mean of 6 shuffles (as `kb eval A B C --cv 5 --repeat 6`);
 *   2. the parameters the bot would ship: chosen on those own sets (as `kb eval A B C --cv 5`, "chosen on all");
 *   3. the style set decided with those parameters: its summary line only (as `kb eval STYLE` after
 *      the refit is written to decision-weights.ts).
 *
 *   npx tsx bench/kb-judge.ts [--dir knowledge] [--no-style] [--write] [--sets N] [--variants N] [--rule '{"limits":{"maxWrong":0.012,"minRefused":0.93},"soft":true}']
 *
 * `--rule` judges another way of choosing the thresholds (cross-validate.ts `DecisionRule`; `{}` is
 * the fixed-cost objective used before session 5); without it, the shipped `DEFAULT_RULE`.
 * `--variants N` fits on N noisy variants of each training question as well (noisy-variants.ts; the
 * held-out folds stay the questions as written).
 *
 * Nothing is written unless `--write` is given: then the printed parameters go into decision-weights.ts
 * and the two thresholds into the defaults of src/config.ts and .env.example (write-decision-weights.ts),
 * which is what to do when a change is kept.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/shared/logger.js';
import { crossValidate, DEFAULT_RULE, type DecisionRule } from '../src/features/knowledge/cross-validate.js';
import { evaluate, parseQuestionFile, type EvalFigures, type EvalQuestion } from '../src/features/knowledge/evaluate-questions.js';
import { KnowledgeBase } from '../src/features/knowledge/knowledge-base.js';
import { rankedVariants } from '../src/features/knowledge/noisy-variants.js';
import { decideRanking } from '../src/features/knowledge/search-knowledge.js';
import { tuningSets } from './kb-sets.js';
import { writeDecisionParams } from './write-decision-weights.js';

const STYLE = '../shared/eval/kb-questions.style.jsonl';

const read = async (file: string): Promise<EvalQuestion[]> => parseQuestionFile(await readFile(file, 'utf8'));
const line = (label: string, figures: EvalFigures): string =>
  `${label.padEnd(44)} right ${figures.top1.toFixed(3)}  shown ${figures.top3.toFixed(3)}  refused ${figures.refused.toFixed(3)}  wrong ${figures.confidentWrong.toFixed(3)}`;
const round = (values: readonly number[]): string => `[${values.map((value) => Math.round(value * 1000) / 1000).join(', ')}]`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: 'knowledge' }, 'no-style': { type: 'boolean', default: false }, write: { type: 'boolean', default: false }, rule: { type: 'string' }, sets: { type: 'string' }, variants: { type: 'string', default: '0' } } });
  const rule = values.rule === undefined ? DEFAULT_RULE : (JSON.parse(values.rule) as DecisionRule);
  const base = await KnowledgeBase.open({ dir: values.dir, logger: createLogger('warn', process.stderr), thresholds: { answerThreshold: 0.8, suggestThreshold: 0.5 }, pollIntervalMs: 0 });
  const files = tuningSets(values.sets);
  const own = (await Promise.all(files.map(read))).flat();
  const rankings = own.map((question) => base.rank(question.q));
  const variants = rankedVariants(own, (question) => base.rank(question), Number(values.variants));
  const cv = crossValidate(own, rankings, 5, 6, rule, variants);
  console.log(line(`own sets 1-${files.length}, CV 5, mean of 6 shuffles`, cv.heldOut));
  const params = cv.onAll;
  console.log(`chosen on own sets 1-${files.length} (for decision-weights.ts): answerThreshold=${params.answerThreshold} suggestThreshold=${params.suggestThreshold}`);
  console.log(`  TRAINED_WEIGHTS ${round(params.weights)}\n  TRAINED_SUGGEST_WEIGHTS ${round(params.suggestWeights ?? [])}`);
  if (values.write) {
    await writeDecisionParams('.', params);
    console.log('written to src/features/knowledge/decision-weights.ts, src/config.ts and .env.example');
  }
  if (values['no-style']) return;
  const style = await read(STYLE);
  console.log(line('style set (summary only), those parameters', evaluate(style, (question) => decideRanking(base.rank(question), params))));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
