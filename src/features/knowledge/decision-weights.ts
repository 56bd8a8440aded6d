/**
 * The decision model's weights, in the order of `FEATURE_NAMES` (decision-model.ts), and the
 * thresholds that go with them (the defaults of KB_ANSWER_THRESHOLD on the first model's probability and
 * KB_SUGGEST_THRESHOLD on the suggestion model's), as printed by `npx tsx bench/kb-judge.ts` under
 * "chosen on own sets 1-3" (or by `npm run kb -- eval` with the three files of
 * test/fixtures/kb-eval/ and `--cv 5`, under "chosen on all questions"). Both models are fitted on
 * all three own question sets; the thresholds are chosen by `DEFAULT_RULE` (cross-validate.ts): the
 * lowest answer threshold at which the training questions' confident wrong stays within 0.014, then
 * the lowest suggestion threshold at which their refused stays at 0.93 or more, both counted softly
 * so that one question moves a threshold by thousandths, not a grid step. Refit them the same way
 * whenever the ranking, the articles or the question sets change: `npx tsx bench/kb-judge.ts --write`
 * writes them here and into the threshold defaults of src/config.ts and .env.example.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  2.14, 1.235, 1.188, 0.018, 1.367, 1.799, 0.026, 0.739, 2.283, 0.399, 1.969, -0.7, 0.515, -3.308, 2.053, -6.493,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.241, -0.585, 0.763, 0.153, 0.395, 1.939, -0.028, 0.916, 2.609, 0.953, 2.971, -1.052, 1.125, -3.148, 2.082, -6.316,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.825, suggestThreshold: 0.677 } as const;
