/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions" (or by `npx tsx bench/kb-judge.ts`, which prints the same fit). Refit them the same
 * way whenever the ranking or the articles change.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.756, 2.381, 0.108, 0.509, 1.915, 1.008, 1.581, 2.567, 2.552, 1.362, 0.774, -2.205, 0.236, -2.903, -7.833,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.078, 0.417, -0.501, 0.79, 0.459, 2.405, 0.983, 1.295, 2.99, 1.16, 2.575, -1.192, 1.17, -2.804, -7.153,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.825, suggestThreshold: 0.65 } as const;
