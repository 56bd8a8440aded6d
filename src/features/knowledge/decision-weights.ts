/**
 * The decision model's weights (see `FEATURE_NAMES` in decision-model.ts), as printed by
 * `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` ("chosen on all questions").
 */
export const TRAINED_WEIGHTS: readonly number[] = [2, 3, 1, 1, 1, 0, -1, 0.5, -4];
