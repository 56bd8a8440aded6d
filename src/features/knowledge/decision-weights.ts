/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions" (or by `npx tsx bench/kb-judge.ts`, which prints the same fit). Refit them the same
 * way whenever the ranking or the articles change.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.572, 1.669, 0.626, 0.244, 1.671, 2.304, -0.318, 0.56, 2.695, -0.066, 2.088, -1.457, 0.457, -2.877, 1.927, -6.202,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.291, -0.606, 0.354, -0.096, 0.431, 2.428, 0.063, 0.759, 3.047, 0.92, 1.805, -1.555, 0.925, -3.039, 2.877, -6.561,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.9, suggestThreshold: 0.725 } as const;
