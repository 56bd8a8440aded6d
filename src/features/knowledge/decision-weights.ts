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
  2.242, 1.179, 0.773, 0.021, 1.338, 2.012, 0.245, 0.409, 2.487, 0.439, 2.212, -1.048, 0.426, -3.291, 2.16, -6.681,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.273, -0.733, 0.974, 0.41, 0.308, 1.684, 0.201, 1.128, 2.482, 0.778, 2.685, -1.365, 0.966, -3.264, 2.109, -6.254,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.84, suggestThreshold: 0.652 } as const;
