import { loadArticles } from '../../../src/features/knowledge/load-articles.js';
import { buildBaseline } from '../../../src/features/knowledge/baseline-search.js';
import { evaluate, parseQuestionFile, type Answered } from '../../../src/features/knowledge/evaluate-questions.js';
import { FIXTURE_KB } from './knowledge-test-kit.js';

describe('parseQuestionFile', () => {
  it('reads JSON lines and skips blank ones', () => {
    expect(parseQuestionFile('{"q": "a", "expect": "x"}\n\n{"q": "b", "expect": null}\n')).toEqual([{ q: 'a', expect: 'x' }, { q: 'b', expect: null }]);
  });

  it('names the line that is wrong', () => {
    expect(() => parseQuestionFile('{"q": "a", "expect": "x"}\n{nope')).toThrow('line 2: not valid JSON');
    expect(() => parseQuestionFile('{"q": 1, "expect": "x"}')).toThrow('line 1: needs "q"');
  });
});

describe('evaluate', () => {
  it('counts answered right, shown (answered or suggested, never refused), refusals and confident wrong answers', () => {
    const answers: Record<string, Answered> = {
      right: { decision: 'answer', results: [{ id: 'a', score: 0.9 }] },
      third: { decision: 'suggest', results: [{ id: 'x', score: 0.5 }, { id: 'y', score: 0.4 }, { id: 'b', score: 0.3 }] },
      wrong: { decision: 'answer', results: [{ id: 'x', score: 0.9 }, { id: 'c', score: 0.2 }] },
      refused: { decision: 'none', results: [] },
      refusedButFirst: { decision: 'none', results: [{ id: 'd', score: 0.2 }] },
      answeredNull: { decision: 'answer', results: [{ id: 'x', score: 0.7 }] },
    };
    const figures = evaluate(
      [
        { q: 'right', expect: 'a' },
        { q: 'third', expect: 'b' },
        { q: 'wrong', expect: 'c' },
        { q: 'refusedButFirst', expect: 'd' },
        { q: 'refused', expect: null },
        { q: 'answeredNull', expect: null },
      ],
      (question) => answers[question],
    );
    // "wrong" holds c among its results and "refusedButFirst" ranks d first, but neither showed it.
    expect(figures).toEqual({ questions: 6, inScope: 4, outOfScope: 2, top1: 1 / 4, top3: 2 / 4, refused: 0.5, confidentWrong: 2 / 6 });
  });
});

describe('buildBaseline', () => {
  it('is plain fuse.js over title and body, answering above 0.5', async () => {
    const { articles } = await loadArticles(FIXTURE_KB);
    const ask = buildBaseline(articles);
    const outcome = ask('Konto STARi testkeskkonda');
    expect(outcome.results[0]).toEqual({ id: 'star-testkeskkond', score: expect.any(Number) });
    expect(outcome.decision).toBe(outcome.results[0].score > 0.5 ? 'answer' : 'none');
    expect(ask('zzzzzzzzzzzz qqqqqqqq').decision).toBe('none');
  });
});
