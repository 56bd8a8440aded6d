/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as printed by `npx tsx bench/kb-judge.ts` under
 * "chosen on own sets 1-3" (or by `npm run kb -- eval` with the three files of
 * test/fixtures/kb-eval/ and `--cv 5`, under "chosen on all questions"). Both models are fitted on
 * all three own question sets; the thresholds are chosen by `DEFAULT_RULE` (cross-validate.ts): the
 * lowest answer threshold at which the training questions' confident wrong stays within 0.014, then
 * the lowest suggestion threshold at which their refused stays at 0.93 or more, both counted softly
 * so that one question moves a threshold by thousandths, not a grid step. Refit them the same way
 * whenever the ranking, the articles or the question sets change.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.568, 1.364, 1.062, 0.56, 1.221, 1.396, 1.488, 2.075, 2.515, 1.407, 1.851, -1.417, 0.513, -3.188, -8.314,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  1.881, -0.522, 0.712, 0.655, 0.039, 1.998, 0.986, 1.507, 2.867, 1.403, 2.651, -1.275, 0.916, -3.143, -7.119,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.839, suggestThreshold: 0.598 } as const;
