/**
 * Leave one set out: how the decision carries over to questions written by other hands. For each
 * own tuning set (bench/kb-sets.ts), the models and thresholds are chosen on the other sets and that set is decided with
 * them (set 3 was written in strangers' styles, so "fit on 1+2, judge 3" is the nearest thing to
 * strangers among the own sets). Prints one line per held-out set and their mean; the style set is
 * not read.
 *
 *   npx tsx bench/kb-transfer.ts [--variants N] [--seeds S] [--rule JSON]
 *
 * `--variants N` adds N noisy variants of each training question (noisy-variants.ts) to the fit;
 * `--seeds S` repeats that with S noise seeds and prints the mean (the variants drawn move a figure).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/shared/logger.js';
import { chooseParams, DEFAULT_RULE, type DecisionRule } from '../src/features/knowledge/cross-validate.js';
import { evaluate, parseQuestionFile, type EvalFigures } from '../src/features/knowledge/evaluate-questions.js';
import { KnowledgeBase } from '../src/features/knowledge/knowledge-base.js';
import { NOISE_ODDS, rankedVariants, VARIANT_SEED, type NoiseName } from '../src/features/knowledge/noisy-variants.js';
import { decideRanking } from '../src/features/knowledge/search-knowledge.js';
import { TUNING_SETS } from './kb-sets.js';


export const figuresLine = (label: string, figures: Pick<EvalFigures, 'top1' | 'top3' | 'refused' | 'confidentWrong'>): string =>
  `${label.padEnd(30)} right ${figures.top1.toFixed(3)}  shown ${figures.top3.toFixed(3)}  refused ${figures.refused.toFixed(3)}  wrong ${figures.confidentWrong.toFixed(3)}`;

function mean(all: readonly EvalFigures[]): EvalFigures {
  const of = (key: 'top1' | 'top3' | 'refused' | 'confidentWrong'): number => all.reduce((sum, figures) => sum + figures[key], 0) / all.length;
  return { ...all[0], top1: of('top1'), top3: of('top3'), refused: of('refused'), confidentWrong: of('confidentWrong') };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { variants: { type: 'string', default: '0' }, seeds: { type: 'string', default: '1' }, noise: { type: 'string' }, rule: { type: 'string' } } });
  const rule = values.rule === undefined ? DEFAULT_RULE : (JSON.parse(values.rule) as DecisionRule);
  const count = Number(values.variants);
  const only = values.noise?.split(',');
  const odds = only ? Object.fromEntries(Object.keys(NOISE_ODDS).map((name) => [name, only.includes(name) ? 0.6 : 0])) as Record<NoiseName, number> : NOISE_ODDS;
  const seeds = count > 0 ? Number(values.seeds) : 1;
  const base = await KnowledgeBase.open({ dir: 'knowledge', logger: createLogger('warn', process.stderr), thresholds: { answerThreshold: 0.8, suggestThreshold: 0.5 }, pollIntervalMs: 0 });
  const sets = await Promise.all(TUNING_SETS.map(async (file) => {
    const questions = parseQuestionFile(await readFile(file, 'utf8'));
    return questions.map((question) => ({ question, ranking: base.rank(question.q) }));
  }));
  const perSet: EvalFigures[] = [];
  for (const [held, cases] of sets.entries()) {
    const runs: EvalFigures[] = [];
    for (let seed = 0; seed < seeds; seed += 1) {
      const training = sets.filter((_, at) => at !== held).flat();
      const variants = rankedVariants(training.map(({ question }) => question), (question) => base.rank(question), count, VARIANT_SEED + seed * 7919, odds);
      const params = chooseParams([...training, ...variants], rule);
      if (seed === 0) {
        const inScope = variants.filter(({ question }) => question.expect !== null);
        const first = inScope.filter(({ question, ranking }) => ranking.topics[0]?.id === question.expect).length;
        const ownFirst = training.filter(({ question, ranking }) => question.expect !== null && ranking.topics[0]?.id === question.expect).length;
        console.log(`  fit on ${training.length} + ${variants.length} variants: thresholds ${params.answerThreshold}/${params.suggestThreshold}; right first ${(ownFirst / training.filter(({ question }) => question.expect !== null).length).toFixed(3)} (variants ${inScope.length ? (first / inScope.length).toFixed(3) : '-'})`);
      }
      runs.push(evaluate(cases.map(({ question }) => question), (_, at) => decideRanking(cases[at].ranking, params)));
    }
    const figures = mean(runs);
    const inScope = cases.filter(({ question }) => question.expect !== null);
    console.log(`  held-out set: right first ${(inScope.filter(({ question, ranking }) => ranking.topics[0]?.id === question.expect).length / inScope.length).toFixed(3)}`);
    perSet.push(figures);
    console.log(figuresLine(`set ${held + 1} (fit on the others)`, figures));
  }
  console.log(figuresLine(`mean of the ${perSet.length}`, mean(perSet)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
