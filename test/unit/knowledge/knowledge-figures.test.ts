import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { crossValidate } from '../../../src/features/knowledge/cross-validate.js';
import { evaluate, parseQuestionFile, type EvalFigures, type EvalQuestion } from '../../../src/features/knowledge/evaluate-questions.js';
import { loadArticles } from '../../../src/features/knowledge/load-articles.js';
import { buildSearchIndex, type SearchIndex } from '../../../src/features/knowledge/search-index.js';
import { decideRanking, rankTopics, searchKnowledge, type Ranking } from '../../../src/features/knowledge/search-knowledge.js';
import { TRAINED_SUGGEST_WEIGHTS, TRAINED_THRESHOLDS, TRAINED_WEIGHTS, type DecisionParams } from '../../../src/features/knowledge/decision-model.js';
import { TUNING_SETS } from '../../../bench/kb-sets.js';
import { outputOf, spawnTs } from '../../support/spawn-ts.js';

/**
 * The real knowledge base against questions it was not written from. The main figures are the
 * 5-fold cross-validated ones on the project's own blind question sets (bench/kb-sets.ts) (test/fixtures/kb-eval):
 * every question is decided with parameters chosen on the other folds. The goals of issue 10 are
 * answered right >= 0.80, shown >= 0.92, refused >= 0.90 and confident wrong <= 0.03; refused and
 * confident wrong are met and asserted as goals; answered right (0.715) and shown (0.908) are not
 * met yet and are asserted at what the search reaches, so that they cannot fall back unnoticed.
 * They are the mean of six fold shuffles: one shuffle alone moves answered right by 0.02-0.04.
 * They are computed in a process of their own (cross-validate-own-sets.ts): jest's module sandbox
 * triples the fitting's and fuse.js's CPU. The other tests rank the own sets once and share them.
 */
const KNOWLEDGE = fileURLToPath(new URL('../../../knowledge', import.meta.url));
const OWN = fileURLToPath(new URL('../../fixtures/kb-eval/own-questions.jsonl', import.meta.url));
const OWN_2 = fileURLToPath(new URL('../../fixtures/kb-eval/own-questions-2.jsonl', import.meta.url));
const OWN_3 = fileURLToPath(new URL('../../fixtures/kb-eval/own-questions-3.jsonl', import.meta.url));
const OWN_4 = fileURLToPath(new URL('../../fixtures/kb-eval/own-questions-4.jsonl', import.meta.url));
const DEV = fileURLToPath(new URL('./fixtures/kb-questions.dev.jsonl', import.meta.url));
const HELD_OUT = fileURLToPath(new URL('./heldout-questions.jsonl', import.meta.url));

let index: SearchIndex;
beforeAll(async () => {
  const loaded = await loadArticles(KNOWLEDGE);
  expect(loaded.problems).toEqual([]);
  index = buildSearchIndex(loaded.articles);
});

const questionsOf = async (file: string): Promise<EvalQuestion[]> => parseQuestionFile(await readFile(file, 'utf8'));
const figuresFor = (questions: EvalQuestion[]): EvalFigures => evaluate(questions, (question) => searchKnowledge(index, question, TRAINED_THRESHOLDS));
/** What `searchKnowledge` decides with: the shipped weights and thresholds. */
const SHIPPED: DecisionParams = { ...TRAINED_THRESHOLDS, weights: TRAINED_WEIGHTS, suggestWeights: TRAINED_SUGGEST_WEIGHTS };

interface RankedSet { file: string; questions: EvalQuestion[]; rankings: Ranking[] }
let ranked: Promise<RankedSet[]> | undefined;
/** The own tuning sets (bench/kb-sets.ts, in file order) with each question's ranking, ranked on first use only. */
const ownSets = (): Promise<RankedSet[]> => (ranked ??= Promise.all(TUNING_SETS.map(async (file) => {
  const questions = await questionsOf(file);
  return { file, questions, rankings: questions.map((question) => rankTopics(index, question.q)) };
})));

describe('the real knowledge base', () => {
  it('reaches the cross-validated figures on our own blind questions, well above plain fuse.js', async () => {
    // three shuffles, not six as in bench/kb-judge.ts: the floors below leave room for the difference
    const child = spawnTs('test/unit/knowledge/cross-validate-own-sets.ts', ['5', '3']);
    const output = await outputOf(child);
    // the output holds the child's stderr too (a runtime's warnings): the figures are their own line
    const line = output.split('\n').find((text) => text.startsWith('{"heldOut"'));
    if (child.exitCode !== 0 || !line) throw new Error(`cross-validate-own-sets.ts failed:\n${output}`);
    const { heldOut, baselineTop1 } = JSON.parse(line) as { heldOut: EvalFigures; baselineTop1: number };
    // Four sets since session 6 (the fourth, in strangers' styles, is the hardest): three shuffles gave 0.780 / 0.926 / 0.928 / 0.018.
    expect(heldOut.refused).toBeGreaterThanOrEqual(0.9); // 0.927 (six shuffles)
    expect(heldOut.confidentWrong).toBeLessThanOrEqual(0.03); // 0.018
    expect(heldOut.top1).toBeGreaterThanOrEqual(0.75); // 0.781 reached, goal 0.80
    expect(heldOut.top3).toBeGreaterThanOrEqual(0.92); // 0.927 reached, goal 0.92
    expect(heldOut.top1 - baselineTop1).toBeGreaterThanOrEqual(0.3);
  }, 300_000);

  it('repeats the cross-validation with other shuffles and reports their mean', async () => {
    const [first] = await ownSets();
    const questions = first.questions.slice(0, 100); // fewer questions: the mechanism, not the figures
    const rankings = first.rankings.slice(0, 100);
    const once = crossValidate(questions, rankings, 5);
    const thrice = crossValidate(questions, rankings, 5, 3);
    expect(thrice.repeats).toHaveLength(3);
    expect(thrice.repeats[0]).toEqual(once.heldOut);
    const mean = thrice.repeats.reduce((sum, figures) => sum + figures.top1, 0) / 3;
    expect(thrice.heldOut.top1).toBeCloseTo(mean, 10);
    expect(thrice.onAll).toEqual(once.onAll);
  }, 60_000);

  it('keeps its figures on each own set with the shipped parameters (fitted on all four, so not held out)', async () => {
    // reached: set 1 0.818 / 0.937 / 0.902, set 2 0.902 / 0.951 / 0.923, set 3 0.746 / 0.942 / 0.980, set 4 0.696 / 0.897 / 0.944
    // (answered right / shown / refused).
    const reached: Array<[string, number, number, number]> = [[OWN, 0.79, 0.92, 0.9], [OWN_2, 0.86, 0.93, 0.9], [OWN_3, 0.71, 0.92, 0.95], [OWN_4, 0.67, 0.88, 0.92]];
    const sets = await ownSets();
    // The shared rankings decided with the shipped parameters are what searchKnowledge answers (checked on every tenth question).
    for (const { questions, rankings } of sets) {
      for (let at = 0; at < questions.length; at += 10) expect(decideRanking(rankings[at], SHIPPED)).toEqual(searchKnowledge(index, questions[at].q, TRAINED_THRESHOLDS));
    }
    for (const [file, top1, top3, refused] of reached) {
      const { questions, rankings } = sets.find((set) => set.file === file) as RankedSet;
      const figures = evaluate(questions, (_, at) => decideRanking(rankings[at], SHIPPED));
      expect(figures.top1).toBeGreaterThanOrEqual(top1);
      expect(figures.top3).toBeGreaterThanOrEqual(top3);
      expect(figures.refused).toBeGreaterThanOrEqual(refused);
      expect(figures.confidentWrong).toBeLessThanOrEqual(0.03);
    }
  });

  it('answers the development and held-out questions written for this feature', async () => {
    for (const file of [DEV, HELD_OUT]) {
      const figures = figuresFor(await questionsOf(file));
      expect(figures.top1).toBeGreaterThanOrEqual(0.85);
      expect(figures.top3).toBeGreaterThanOrEqual(0.95);
      expect(figures.confidentWrong).toBeLessThanOrEqual(0.03);
    }
  });

  it('answers a question that says where the asker works as it answers the same question without it', () => {
    // "Valga" was met as a typo of "valge" (a white page) and pulled a fault article up beside the right one.
    const bare = searchKnowledge(index, 'tere, olen valla uus lastekaitsetöötaja ja mul pole veel STARi kontot, kuidas ma selle saan', TRAINED_THRESHOLDS);
    const placed = searchKnowledge(index, 'tere, olen Valga valla uus lastekaitsetöötaja ja mul pole veel STARi kontot, kuidas ma selle saan', TRAINED_THRESHOLDS);
    expect(bare.decision).toBe('answer');
    expect(bare.results[0].id).toBe('star-kasutajaks-saamine');
    expect(placed).toEqual(bare);
  });

  it('refuses the out-of-scope questions of the held-out set', async () => {
    expect(figuresFor(await questionsOf(HELD_OUT)).refused).toBeGreaterThanOrEqual(0.9);
  });
});
