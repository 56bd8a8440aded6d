/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as printed by `npx tsx bench/kb-judge.ts` under
 * "chosen on own sets 1-3" (or by `npm run kb -- eval` with the three files of
 * test/fixtures/kb-eval/ and `--cv 5`, under "chosen on all questions"). Both models are fitted on
 * all three own question sets; the thresholds are chosen by `DEFAULT_RULE` (cross-validate.ts): the
 * lowest answer threshold at which the training questions' confident wrong stays within 0.016, then
 * the lowest suggestion threshold at which their refused stays at 0.93 or more, both counted softly
 * so that one question moves a threshold by thousandths, not a grid step. Refit them the same way
 * whenever the ranking, the articles or the question sets change: `npx tsx bench/kb-judge.ts --write`
 * writes them here and into the threshold defaults of src/config.ts and .env.example.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  2.235, 1.025, 0.865, 0.009, 1.28, 2.067, 0.157, 0.477, 2.474, 0.487, 2.147, -0.951, 0.441, -3.299, 2.301, -6.767,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.277, -0.76, 0.993, 0.432, 0.302, 1.684, 0.199, 1.135, 2.475, 0.765, 2.702, -1.345, 0.964, -3.265, 2.1, -6.252,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.82, suggestThreshold: 0.652 } as const;
