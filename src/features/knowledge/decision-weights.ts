/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions" (or by `npx tsx bench/kb-judge.ts`, which prints the same fit). Refit them the same
 * way whenever the ranking or the articles change.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.757, 2.382, 0.109, 0.512, 1.919, 1.01, 1.582, 2.568, 2.549, 1.362, 0.773, -2.2, 0.238, -2.904, -7.836,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.079, 0.417, -0.501, 0.792, 0.46, 2.406, 0.983, 1.295, 2.989, 1.159, 2.575, -1.19, 1.171, -2.805, -7.154,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.825, suggestThreshold: 0.65 } as const;
