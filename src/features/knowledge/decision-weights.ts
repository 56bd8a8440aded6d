/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions". Refit them the same way whenever the ranking changes.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.766, 1.912, 0.082, 1.184, 2.136, 1.153, 0.997, 2.392, 1.94, 1.136, 1.301, -1.741, 0.088, -2.875, -7.265,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.092, 0.279, -0.163, 0.832, 0.485, 2.143, 1.145, 1.352, 3.177, 1.308, 2.7, -1.28, 1.213, -2.728, -7.58,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.825, suggestThreshold: 0.7 } as const;
