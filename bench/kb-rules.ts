/**
 * Compares ways of choosing the decision's thresholds (cross-validate.ts `DecisionRule`) on the own
 * question sets only; the style set is not read. Per rule, one line: the held-out figures of 5-fold
 * cross-validation (mean of 6 shuffles), the thresholds the first shuffle's folds chose, those chosen
 * on all questions, and those chosen with each of twelve questions left out in turn (how far one
 * question moves the shipped thresholds).
 *
 *   npx tsx bench/kb-rules.ts                      (the shipped DEFAULT_RULE)
 *   npx tsx bench/kb-rules.ts '[["objective", {}], ["limits", {"limits": {"maxWrong": 0.014, "minRefused": 0.93}, "soft": true}]]' [--sets 2]
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/shared/logger.js';
import { chooseParams, crossValidate, DEFAULT_RULE, type DecisionRule } from '../src/features/knowledge/cross-validate.js';
import { parseQuestionFile, type EvalFigures } from '../src/features/knowledge/evaluate-questions.js';
import { KnowledgeBase } from '../src/features/knowledge/knowledge-base.js';
import { tuningSets } from './kb-sets.js';


const line = (label: string, figures: EvalFigures): string =>
  `${label.padEnd(28)} right ${figures.top1.toFixed(3)}  shown ${figures.top3.toFixed(3)}  refused ${figures.refused.toFixed(3)}  wrong ${figures.confidentWrong.toFixed(3)}`;
const pair = (params: { answerThreshold: number; suggestThreshold: number }): string => `${params.answerThreshold}/${params.suggestThreshold}`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { sets: { type: 'string' } } });
  const rules = positionals[0] === undefined ? [['shipped (DEFAULT_RULE)', DEFAULT_RULE] as [string, DecisionRule]] : (JSON.parse(positionals[0]) as Array<[string, DecisionRule]>);
  const base = await KnowledgeBase.open({ dir: 'knowledge', logger: createLogger('warn', process.stderr), thresholds: { answerThreshold: 0.8, suggestThreshold: 0.5 }, pollIntervalMs: 0 });
  const files = tuningSets(values.sets);
  const questions = (await Promise.all(files.map(async (file) => parseQuestionFile(await readFile(file, 'utf8'))))).flat();
  const rankings = questions.map((question) => base.rank(question.q));
  const cases = questions.map((question, at) => ({ question, ranking: rankings[at] }));
  for (const [label, rule] of rules) {
    const cv = crossValidate(questions, rankings, 5, 6, rule);
    const leftOut = Array.from({ length: 12 }, (_, drop) => (drop * 37 + 11) % cases.length)
      .map((left) => pair(chooseParams(cases.filter((_, at) => at !== left), rule)));
    console.log(`${line(label, cv.heldOut)}\n  folds ${cv.perFold.map(pair).join(' ')}; on all ${pair(cv.onAll)}; one left out ${leftOut.join(' ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
