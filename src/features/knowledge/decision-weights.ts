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
 * whenever the ranking, the articles or the question sets change: `npx tsx bench/kb-judge.ts --write`
 * writes them here and into the threshold defaults of src/config.ts and .env.example.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  2.165, 1.251, 1.173, 0.239, 1.481, 1.67, 0.038, 0.59, 2.179, 0.354, 1.785, -0.69, 0.556, -3.285, 2.472, -6.526,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.251, -0.701, 0.736, 0.402, 0.459, 1.884, -0.144, 0.704, 2.637, 0.698, 2.883, -1.059, 1.139, -3.137, 2.306, -6.068,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.814, suggestThreshold: 0.674 } as const;
