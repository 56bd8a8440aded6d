/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as
 * printed by `npm run kb -- eval test/fixtures/kb-eval/own-questions.jsonl --cv 5` under "chosen
 * on all questions" (or by `npx tsx bench/kb-judge.ts`, which prints the same fit). Refit them the same
 * way whenever the ranking or the articles change.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.829, 2.408, 0.078, 0.455, 1.932, 1.024, 1.626, 2.582, 2.559, 1.396, 0.819, -2.14, 0.244, -2.911, -7.969,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.075, 0.317, -0.49, 0.822, 0.469, 2.379, 1.024, 1.36, 2.986, 1.096, 2.622, -1.243, 1.188, -2.796, -7.166,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.825, suggestThreshold: 0.675 } as const;
