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
  2.237, 0.749, 1.329, -0.011, 1.18, 2.065, 0.226, 0.271, 2.389, 0.616, 2.051, -0.939, 0.555, -3.294, 2.414, -6.853,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.293, -0.94, 1.005, 0.454, 0.25, 1.739, 0.194, 0.938, 2.489, 0.911, 2.788, -1.363, 1.052, -3.233, 2.234, -6.322,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.82, suggestThreshold: 0.655 } as const;
