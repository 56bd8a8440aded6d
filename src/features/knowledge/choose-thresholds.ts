import type { EvalQuestion } from './evaluate-questions.js';
import { decideTwo, suggestionsOf, type Ranking, type Thresholds } from './search-knowledge.js';

/** The thresholds tried, on the models' probability scale. */
export const GRID = {
  answerThreshold: steps(0.3, 0.95, 0.025),
  suggestThreshold: steps(0.05, 0.95, 0.025),
} as const;

function steps(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to + 1e-9; value += step) values.push(Math.round(value * 1000) / 1000);
  return values;
}

/** One question as the thresholds see it: whether it is in scope and what each decision would give. */
export interface ScoredCase {
  /** The answer model's probability that the top topic is right (0 when nothing ranked). */
  sure: number;
  /** The suggestion model's probability that the right topic is among the suggestions. */
  shown: number;
  inScope: boolean;
  /** Answering would give the right article. */
  topRight: boolean;
  /** Suggesting would show the right article. */
  suggestedRight: boolean;
}

export function scoreCase(question: EvalQuestion, ranking: Ranking, sure: number, shown: number): ScoredCase {
  const expect = question.expect;
  return {
    sure,
    shown,
    inScope: expect !== null,
    topRight: expect !== null && ranking.topics[0]?.id === expect,
    suggestedRight: expect !== null && suggestedAmong(ranking, expect),
  };
}

/** The suggestions do not depend on the parameters: whether `expect` is among what `suggestionsOf` offers for this ranking. */
export function suggestedAmong(ranking: Ranking, expect: string): boolean {
  return suggestionsOf({ results: ranking.topics }).some((topic) => topic.id === expect);
}

/** The four shares the goals are written in, for the cases decided at these thresholds. */
export function shares(cases: readonly ScoredCase[], thresholds: Thresholds): { right: number; shown: number; refused: number; wrong: number } {
  let right = 0;
  let shown = 0;
  let refused = 0;
  let wrong = 0;
  let inScope = 0;
  for (const item of cases) {
    const decision = decideTwo(item.sure, item.shown, thresholds);
    if (decision === 'answer' && !item.topRight) wrong += 1;
    if (!item.inScope) {
      if (decision === 'none') refused += 1;
      continue;
    }
    inScope += 1;
    if (decision === 'answer' && item.topRight) right += 1;
    if (decision === 'answer' ? item.topRight : decision === 'suggest' && item.suggestedRight) shown += 1;
  }
  const share = (count: number, total: number): number => (total === 0 ? 0 : count / total);
  const outOfScope = cases.length - inScope;
  return { right: share(right, inScope), shown: share(shown, inScope), refused: share(refused, outOfScope), wrong: share(wrong, cases.length) };
}

/**
 * The old rule: answered right, plus half of shown and of refused, minus ten times the confident
 * wrong answers, maximised over the grid.
 */
export function thresholdsByObjective(cases: readonly ScoredCase[]): Thresholds {
  let best: { thresholds: Thresholds; value: number } | undefined;
  for (const answerThreshold of GRID.answerThreshold) for (const suggestThreshold of GRID.suggestThreshold) {
    const thresholds = { answerThreshold, suggestThreshold };
    const { right, shown, refused, wrong } = shares(cases, thresholds);
    const value = right + 0.5 * shown + 0.5 * refused - 10 * wrong;
    if (!best || value > best.value + 1e-12) best = { thresholds, value };
  }
  if (!best) throw new Error('no questions to choose thresholds on');
  return best.thresholds;
}

/** The goals as limits: how many wrong answers and how few refusals the training questions may show. */
export interface Limits {
  /** Confident wrong (over all questions) may not exceed this on the training questions. */
  maxWrong: number;
  /** Out-of-scope and small talk refused may not fall below this on the training questions. */
  minRefused: number;
}

/**
 * The goals as they are written: the lowest answer threshold whose confident wrong stays within
 * `maxWrong` (the most answered right it allows), then the lowest suggestion threshold whose
 * refused stays at or above `minRefused` (the most shown it allows). Strangers' out-of-scope
 * questions look like ours, so the refusals carry over; their in-scope ones score lower, so
 * spending the refusal margin on suggestions is what shows them their article.
 */
export function thresholdsByLimits(cases: readonly ScoredCase[], limits: Limits): Thresholds {
  const answers = GRID.answerThreshold;
  const answerThreshold = answers.find((value) => shares(cases, { answerThreshold: value, suggestThreshold: 2 }).wrong <= limits.maxWrong + 1e-12) ?? answers[answers.length - 1];
  const suggests = GRID.suggestThreshold;
  const suggestThreshold = suggests.find((value) => shares(cases, { answerThreshold, suggestThreshold: value }).refused >= limits.minRefused - 1e-12) ?? suggests[suggests.length - 1];
  return { answerThreshold, suggestThreshold };
}

/** The middle value (the lower one of an even count, so that it is always a grid value). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * Each threshold as the median over `resamples` bootstrap resamples of the cases (a fixed seed):
 * a threshold that one or two questions can flip between two grid values moves only as far as the
 * resamples agree.
 */
export function medianOverResamples(cases: readonly ScoredCase[], choose: (sample: readonly ScoredCase[]) => Thresholds, resamples: number, seed = 20261208): Thresholds {
  if (resamples <= 1) return choose(cases);
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const chosen: Thresholds[] = [];
  for (let round = 0; round < resamples; round += 1) {
    chosen.push(choose(cases.map(() => cases[Math.floor(random() * cases.length)])));
  }
  return {
    answerThreshold: median(chosen.map((thresholds) => thresholds.answerThreshold)),
    suggestThreshold: median(chosen.map((thresholds) => thresholds.suggestThreshold)),
  };
}

/** The width of the soft count, on the log-odds scale: a case this far past a threshold counts about 0.73. */
export const SOFT_WIDTH = 0.25;

const logit = (value: number): number => Math.log(Math.min(value, 1 - 1e-9) / Math.max(1 - value, 1e-9));
const past = (value: number, threshold: number): number => 1 / (1 + Math.exp(-(logit(value) - logit(threshold)) / SOFT_WIDTH));

/** The smallest value in [low, high] where `holds` turns true (it must stay true above), to 0.001. */
function lowestWhere(holds: (value: number) => boolean, low: number, high: number): number {
  if (!holds(high)) return high;
  let [from, to] = [low, high];
  while (to - from > 0.0005) {
    const middle = (from + to) / 2;
    if (holds(middle)) to = middle;
    else from = middle;
  }
  return Math.round(to * 1000) / 1000;
}

/**
 * `thresholdsByLimits` with soft counts: a case counts as answered by how far its probability lies
 * past the threshold (a logistic step of width `SOFT_WIDTH` on the log-odds scale), so a threshold
 * moves a little when one question or the fitted weights move a little, instead of jumping a grid
 * step or two.
 */
export function thresholdsBySoftLimits(cases: readonly ScoredCase[], limits: Limits): Thresholds {
  const outOfScope = cases.filter((item) => !item.inScope);
  const wrongCases = cases.filter((item) => !item.topRight);
  const wrongAt = (answer: number): number => wrongCases.reduce((sum, item) => sum + past(item.sure, answer), 0) / Math.max(1, cases.length);
  const answerThreshold = lowestWhere((answer) => wrongAt(answer) <= limits.maxWrong, 0.3, 0.97);
  const refusedAt = (suggest: number): number =>
    outOfScope.reduce((sum, item) => sum + (1 - past(item.sure, answerThreshold)) * (1 - past(item.shown, suggest)), 0) / Math.max(1, outOfScope.length);
  const suggestThreshold = lowestWhere((suggest) => refusedAt(suggest) >= limits.minRefused, 0.05, 0.97);
  return { answerThreshold, suggestThreshold };
}
