/**
 * The calibrated decision between answer, suggest and none. Its inputs are the ranking's features
 * (see `Ranking`), its parameters were chosen by k-fold cross-validation on the project's own
 * questions (`npm run kb -- eval FILE --cv 5`, which prints the held-out folds' figures and the
 * parameters it would choose on all of them).
 */
export interface DecisionParams {
  /** A confidence at or above this answers with one article. */
  answerThreshold: number;
  /** At or above this (and below the answer threshold) up to three articles are suggested. */
  suggestThreshold: number;
  /** What a tie with the second topic leaves of the top score (0..1). */
  tieFactor: number;
  /** The lead over the second topic (as a share of the top score) that keeps the whole score. */
  closeMargin: number;
  /** How much an unknown word of the question counts against the article's share of it (0 = not at all). */
  unknownShare: number;
  /** The share of the question the top article must explain to keep its whole score. */
  fullExplained: number;
}

/** The parameters in use: chosen by `kb eval --cv` on all of test/fixtures/kb-eval/own-questions.jsonl. */
export const DECISION_MODEL: Omit<DecisionParams, 'answerThreshold' | 'suggestThreshold'> = {
  tieFactor: 0.5,
  closeMargin: 0.2,
  unknownShare: 0.5,
  fullExplained: 0.5,
};

/** The ranking's view of the best topic and its runner-up, before any decision. */
export interface TopFeatures {
  top: number;
  second: number;
  /** The top article's field-weighted coverage of the question's known words (0..1). */
  coverage: number;
  /** The summed weight of the question's words the index knows. */
  knownWeight: number;
  /** The question's words the index does not know (a compound half known counts half). */
  unknownWords: number;
  /** The weight one unknown word has against the article's share (the index's `unknownWeight`). */
  unknownWeight: number;
}

/** The share of the question the top article explains: its coverage of the known words, less for unknown ones. */
export function explainedShare(features: TopFeatures, params: Pick<DecisionParams, 'unknownShare'>): number {
  const unknown = params.unknownShare * features.unknownWords * features.unknownWeight;
  return features.knownWeight === 0 ? 0 : (features.coverage * features.knownWeight) / (features.knownWeight + unknown);
}

/**
 * The confidence in the top topic, 0..1: its score, less when the second topic is close (a tie
 * keeps `tieFactor` of it) and less when it explains only part of the question.
 */
export function confidence(features: TopFeatures, params: Omit<DecisionParams, 'answerThreshold' | 'suggestThreshold'>): number {
  const { top, second } = features;
  if (top <= 0) return 0;
  const margin = Math.min(1, (top - second) / top / params.closeMargin);
  const lead = params.tieFactor + (1 - params.tieFactor) * margin;
  const explained = Math.min(1, explainedShare(features, params) / params.fullExplained);
  return top * lead * explained;
}
