/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD and KB_SUGGEST_THRESHOLD), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions". Refit them the same way whenever the ranking changes.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.48, 0.516, 1.165, 1.639, 2.306, 1.1, 0.211, 1.882, 1.187, 0.324, 1.523, -0.458, 0.926, -3.012, -5.728,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.775, suggestThreshold: 0.575 } as const;
