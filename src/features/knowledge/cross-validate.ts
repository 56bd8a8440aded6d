import { confidence, featureVector, fitWeights, type DecisionParams, type TopFeatures } from './decision-model.js';
import { evaluate, type EvalFigures, type EvalQuestion } from './evaluate-questions.js';
import { decideRanking, decideTwo, type Ranking } from './search-knowledge.js';

/** The thresholds tried, on the model's probability scale. */
export const GRID = {
  answerThreshold: steps(0.3, 0.95, 0.025),
  suggestThreshold: steps(0.05, 0.95, 0.025),
} as const;

function steps(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to + 1e-9; value += step) values.push(Math.round(value * 1000) / 1000);
  return values;
}

/**
 * What the parameters are chosen for: answered right, plus half of shown and of refused, minus ten
 * times the confident wrong answers (one wrong answer must buy about eight right ones).
 */
export function objective(figures: EvalFigures): number {
  return figures.top1 + 0.5 * figures.top3 + 0.5 * figures.refused - 10 * figures.confidentWrong;
}

interface Case {
  question: EvalQuestion;
  ranking: Ranking;
}

/** Fits the models on `cases` (is the top topic right? is the right topic suggested?), then picks the thresholds that maximise `objective`. */
export function chooseParams(cases: readonly Case[]): DecisionParams {
  const ranked = cases.filter(({ ranking }) => ranking.features);
  const weights = fitWeights(
    ranked.map(({ ranking }) => featureVector(ranking.features as TopFeatures)),
    ranked.map(({ question, ranking }) => (question.expect !== null && ranking.topics[0]?.id === question.expect ? 1 : 0)),
  );
  const suggestWeights = fitWeights(
    ranked.map(({ ranking }) => featureVector(ranking.features as TopFeatures)),
    ranked.map(({ question, ranking }) => (question.expect !== null && suggestedAmong(ranking, question.expect) ? 1 : 0)),
  );
  const confidences = cases.map(({ ranking }) => (ranking.features ? confidence(ranking.features, weights) : 0));
  const shownConfidences = cases.map(({ ranking }) => (ranking.features ? confidence(ranking.features, suggestWeights) : 0));
  let best: { params: DecisionParams; value: number } | undefined;
  for (const answerThreshold of GRID.answerThreshold) for (const suggestThreshold of GRID.suggestThreshold) {
    const value = quickObjective(cases, confidences, shownConfidences, answerThreshold, suggestThreshold);
    if (!best || value > best.value + 1e-12) best = { params: { answerThreshold, suggestThreshold, weights, suggestWeights }, value };
  }
  if (!best) throw new Error('no questions to choose parameters on');
  return best.params;
}

/** `objective` without building outcomes: what each question's decision would be at these thresholds. */
function quickObjective(cases: readonly Case[], confidences: number[], shownConfidences: number[], answer: number, suggest: number): number {
  let right = 0;
  let shown = 0;
  let refused = 0;
  let wrong = 0;
  let inScope = 0;
  cases.forEach(({ question, ranking }, at) => {
    const value = confidences[at];
    const decision = decideTwo(value, shownConfidences[at], { answerThreshold: answer, suggestThreshold: suggest });
    const first = ranking.topics[0]?.id;
    if (decision === 'answer' && first !== question.expect) wrong += 1;
    if (question.expect === null) {
      if (decision === 'none') refused += 1;
      return;
    }
    inScope += 1;
    if (decision === 'answer' && first === question.expect) right += 1;
    if (decision === 'answer' ? first === question.expect : decision === 'suggest' && suggestedAmong(ranking, question.expect)) shown += 1;
  });
  const outOfScope = cases.length - inScope;
  const share = (count: number, total: number): number => (total === 0 ? 0 : count / total);
  return objective({ questions: cases.length, inScope, outOfScope, top1: share(right, inScope), top3: share(shown, inScope), refused: share(refused, outOfScope), confidentWrong: share(wrong, cases.length) });
}

/** The suggestions do not depend on the parameters: the first three topics within half of the top score. */
function suggestedAmong(ranking: Ranking, expect: string): boolean {
  const top = ranking.topics[0]?.score ?? 0;
  return ranking.topics.slice(0, 3).some((topic) => topic.id === expect && topic.score >= top / 2);
}

/** The shuffle of the first (or only) cross-validation; further repeats use the next seeds. */
export const FOLD_SEED = 20261207;

/** A fixed shuffle, so that folds are the same on every run. */
export function foldOf(count: number, k: number, start = FOLD_SEED): number[] {
  let seed = start;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const order = Array.from({ length: count }, (_, at) => at);
  for (let at = count - 1; at > 0; at -= 1) {
    const other = Math.floor(random() * (at + 1));
    [order[at], order[other]] = [order[other], order[at]];
  }
  const folds = new Array<number>(count);
  order.forEach((question, position) => { folds[question] = position % k; });
  return folds;
}

export interface CrossValidation {
  /** The figures over all questions, each decided with parameters chosen without its fold (the mean over repeats). */
  heldOut: EvalFigures;
  /** Each repeat's held-out figures, when the cross-validation was repeated with other shuffles. */
  repeats: EvalFigures[];
  /** The parameters each fold's training part chose (in the first shuffle). */
  perFold: DecisionParams[];
  /** The parameters chosen on all questions: what the bot should use. */
  onAll: DecisionParams;
}

/** One k-fold pass with one shuffle. */
function heldOutOnce(questions: readonly EvalQuestion[], rankings: readonly Ranking[], k: number, seed: number): { heldOut: EvalFigures; perFold: DecisionParams[] } {
  const cases = questions.map((question, at) => ({ question, ranking: rankings[at] }));
  const folds = foldOf(cases.length, k, seed);
  const perFold: DecisionParams[] = [];
  const decided: DecisionParams[] = [];
  for (let fold = 0; fold < k; fold += 1) {
    const params = chooseParams(cases.filter((_, at) => folds[at] !== fold));
    perFold.push(params);
    cases.forEach((_, at) => { if (folds[at] === fold) decided[at] = params; });
  }
  return { heldOut: evaluate(questions, (_, at) => decideRanking(rankings[at], decided[at])), perFold };
}

/** The mean of several passes' shares (the counts are the same in each). */
function meanFigures(all: readonly EvalFigures[]): EvalFigures {
  const mean = (key: 'top1' | 'top3' | 'refused' | 'confidentWrong'): number => all.reduce((sum, figures) => sum + figures[key], 0) / all.length;
  return { ...all[0], top1: mean('top1'), top3: mean('top3'), refused: mean('refused'), confidentWrong: mean('confidentWrong') };
}

/**
 * k-fold cross-validation of the decision: for each fold, parameters are chosen on the other folds
 * and the fold is decided with them; the held-out figures are counted over all folds together.
 * With `repeats` > 1 it is done again with other shuffles and the figures averaged: which questions
 * share a fold moves a figure by a question or two, as much as many a change one wants to judge.
 */
export function crossValidate(questions: readonly EvalQuestion[], rankings: readonly Ranking[], k: number, repeats = 1): CrossValidation {
  const passes = Array.from({ length: repeats }, (_, at) => heldOutOnce(questions, rankings, k, FOLD_SEED + at));
  const cases = questions.map((question, at) => ({ question, ranking: rankings[at] }));
  const repeated = passes.map((pass) => pass.heldOut);
  return { heldOut: meanFigures(repeated), repeats: repeated, perFold: passes[0].perFold, onAll: chooseParams(cases) };
}
