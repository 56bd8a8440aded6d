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
 * whenever the ranking, the articles or the question sets change.
 */
export const TRAINED_WEIGHTS: readonly number[] = [
  1.555, 1.372, 1.056, 0.553, 1.227, 1.364, 1.476, 2.107, 2.506, 1.368, 1.833, -1.433, 0.524, -3.188, -8.256,
];
/** The suggestion model's weights (is the right topic among the suggestions?), same order; printed as suggestWeights. */
export const TRAINED_SUGGEST_WEIGHTS: readonly number[] = [
  1.852, -0.528, 0.722, 0.648, 0.038, 1.972, 0.964, 1.551, 2.866, 1.352, 2.638, -1.274, 0.93, -3.141, -7.061,
];
export const TRAINED_THRESHOLDS = { answerThreshold: 0.84, suggestThreshold: 0.602 } as const;
