import { TRAINED_SUGGEST_WEIGHTS, TRAINED_THRESHOLDS, TRAINED_WEIGHTS } from './decision-weights.js';

/**
 * The calibrated decision between answer, suggest and none: a logistic model of "the top topic is
 * the right answer" over features of the ranking that go beyond the top score (the lead over the
 * second topic, how much of the question the article explains, words the base does not know,
 * whether the question names the article's system). Its weights and the two thresholds are chosen
 * by k-fold cross-validation on the project's own questions: `npm run kb -- eval FILE --cv 5`
 * prints the held-out folds' figures and the weights chosen on all questions, which are the ones
 * in `decision-weights.ts`.
 */
export interface DecisionParams {
  /** A confidence at or above this answers with one article. */
  answerThreshold: number;
  /** At or above this (and below the answer threshold) up to three articles are suggested. */
  suggestThreshold: number;
  /** The logistic model's weights, one per feature and a last one for the intercept. */
  weights: readonly number[];
  /**
   * A second model's weights: the probability that the right topic is among the suggestions. Close
   * neighbouring topics leave the top topic unsure while the pair is sure; then suggesting beats
   * "not found". Without it the first model's probability decides the suggestions too.
   */
  suggestWeights?: readonly number[];
}

/** The ranking's view of the best topic and its runner-up, before any decision. */
export interface TopFeatures {
  top: number;
  second: number;
  third: number;
  /** The second topic's coverage of the question's known words (0..1). */
  secondCoverage: number;
  /** The top article's field-weighted coverage of the question's known words (0..1). */
  coverage: number;
  /** Its overlap with the article's closest title or sample question (0..1). */
  similarity: number;
  /** The largest share of one of its titles or sample questions that the question holds (0..1). */
  recall: number;
  /** The summed idf weight of the question's words the index knows. */
  knownWeight: number;
  /** How many of the question's words the index knows. */
  knownWords: number;
  /** The question's words the index does not know (a compound half known counts half). */
  unknownWords: number;
  /** 1 when the question names the top article's system, 0 when it names none (other systems never rank). */
  namesSystem: number;
  /** 1 when the question names a system or device the desk does not support (Outlook, a printer) and none of ours. */
  namesOther: number;
  /**
   * The largest share of one of its titles or sample questions that the question holds, by
   * character n-grams (0..1; `phraseGramRecall`): `recall` that typos and inflected forms do not break.
   */
  gramRecall: number;
}

export const FEATURE_NAMES = [
  'top', 'lead', 'leadOverThird', 'coverageLead', 'topTimesLead', 'coverage', 'similarity', 'recall', 'explained', 'known', 'words', 'unknownShare',
  'namesSystem', 'namesOther', 'gramRecall', 'intercept',
] as const;

/** The features as the model reads them, each about 0..1. */
export function featureVector(features: TopFeatures): number[] {
  const { top, second, third, secondCoverage, coverage, similarity, recall, knownWeight, knownWords, unknownWords, namesSystem, namesOther, gramRecall } = features;
  const lead = top > 0 ? (top - second) / top : 0;
  const leadOverThird = top > 0 ? (top - third) / top : 0;
  const words = knownWords + unknownWords;
  const unknownShare = words === 0 ? 1 : unknownWords / words;
  const explained = coverage * (1 - unknownShare);
  return [
    top, lead, leadOverThird, coverage - secondCoverage, top * lead, coverage, similarity, recall, explained, Math.min(1, knownWeight / 8),
    Math.min(1, words / 12), unknownShare, namesSystem, namesOther, gramRecall, 1,
  ];
}

export function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/** The probability, 0..1, that the top topic is the one the question asks about. */
export function confidence(features: TopFeatures, weights: readonly number[]): number {
  if (features.top <= 0) return 0;
  const vector = featureVector(features);
  return sigmoid(vector.reduce((sum, value, at) => sum + value * (weights[at] ?? 0), 0));
}

/**
 * Fits the logistic model by gradient descent with a little L2 regularisation (the intercept is
 * not regularised; `l2` is one strength for all features or one per feature). `labels[i]` is 1 when question i's top topic is right.
 */
export function fitWeights(vectors: readonly number[][], labels: readonly number[], rounds = 6000, rate = 1, l2: number | readonly number[] = 0.001): number[] {
  const size = vectors[0]?.length ?? FEATURE_NAMES.length;
  const weights = new Array<number>(size).fill(0);
  if (vectors.length === 0) return weights;
  for (let round = 0; round < rounds; round += 1) {
    const gradient = new Array<number>(size).fill(0);
    vectors.forEach((vector, at) => {
      const error = sigmoid(vector.reduce((sum, value, k) => sum + value * weights[k], 0)) - labels[at];
      for (let k = 0; k < size; k += 1) gradient[k] += error * vector[k];
    });
    for (let k = 0; k < size; k += 1) {
      const penalty = k === size - 1 ? 0 : (typeof l2 === 'number' ? l2 : l2[k] ?? 0) * weights[k];
      weights[k] -= rate * (gradient[k] / vectors.length + penalty);
    }
  }
  return weights.map((weight) => Math.round(weight * 1000) / 1000);
}

export { TRAINED_SUGGEST_WEIGHTS, TRAINED_THRESHOLDS, TRAINED_WEIGHTS };
