/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions". Refit them the same way whenever the ranking changes.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.427, 0.722, 0.934, 1.169, 2.705, 1.173, 0.643, 1.429, 1.144, 0.562, 1.737, -0.514, 0.778, -3.055, -5.777,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  1.655, -0.849, 1.094, 1.217, 0.854, 1.695, -0.106, 2.066, 2.268, 0.727, 1.791, -1.021, 1.156, -3.065, -5.559,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.775, suggestThreshold: 0.575 } as const;
