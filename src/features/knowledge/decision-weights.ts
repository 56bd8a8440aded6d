/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD and KB_SUGGEST_THRESHOLD), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions". Refit them the same way whenever the ranking changes.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.427, 0.722, 0.934, 1.169, 2.705, 1.173, 0.643, 1.429, 1.144, 0.562, 1.737, -0.514, 0.778, -3.055, -5.777,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.775, suggestThreshold: 0.575 } as const;
