/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD and KB_SUGGEST_THRESHOLD), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions". Refit them the same way whenever the ranking changes.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.605, 1.193, 1.07, 1.819, 2.35, 1.131, 0.134, 1.522, 1.139, 0.353, 1.392, -0.371, 1.012, -2.754, -5.718,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.825, suggestThreshold: 0.5 } as const;
