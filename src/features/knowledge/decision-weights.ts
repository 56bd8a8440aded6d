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
  2.278, 1.192, 0.994, 0.415, 1.445, 1.748, -0.292, 0.793, 2.315, 0.44, 1.869, -0.763, 0.629, -3.242, 2.562, -6.726,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  2.241, -0.729, 0.636, 0.561, 0.46, 1.876, -0.141, 0.691, 2.649, 0.723, 2.905, -1.082, 1.186, -3.134, 2.36, -6.085,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.793, suggestThreshold: 0.68 } as const;
