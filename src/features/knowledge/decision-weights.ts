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
  2.249, 1.085, 0.816, 0.043, 1.329, 2.019, 0.227, 0.429, 2.464, 0.422, 2.226, -1.051, 0.423, -3.284, 2.157, -6.664,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.276, -0.759, 0.993, 0.429, 0.302, 1.685, 0.195, 1.138, 2.474, 0.765, 2.701, -1.341, 0.964, -3.266, 2.107, -6.255,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.84, suggestThreshold: 0.651 } as const;
