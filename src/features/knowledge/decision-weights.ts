/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions". Refit them the same way whenever the ranking changes.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.781, 1.897, 0.081, 1.213, 2.123, 1.157, 1.012, 2.411, 1.848, 1.125, 1.294, -1.665, 0.099, -2.884, -7.249,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.087, 0.276, -0.18, 0.829, 0.482, 2.105, 1.168, 1.362, 3.194, 1.325, 2.587, -1.434, 1.215, -2.705, -7.531,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.825, suggestThreshold: 0.7 } as const;
