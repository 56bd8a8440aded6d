/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions" (or by `npx tsx bench/kb-judge.ts`, which prints the same fit). Refit them the same
 * way whenever the ranking or the articles change.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.825, 2.381, 0.108, 0.468, 1.926, 0.989, 1.603, 2.605, 2.541, 1.366, 0.887, -2.16, 0.254, -2.91, -7.947,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.077, 0.313, -0.483, 0.825, 0.468, 2.374, 1.016, 1.37, 2.978, 1.088, 2.673, -1.201, 1.194, -2.801, -7.182,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.825, suggestThreshold: 0.675 } as const;
