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
  it('counts top-1, top-3, refusals and confident wrong answers', () => {
    const answers: Record<string, Answered> = {
      right: { decision: 'answer', results: [{ id: 'a', score: 0.9 }] },
      third: { decision: 'suggest', results: [{ id: 'x', score: 0.5 }, { id: 'y', score: 0.4 }, { id: 'b', score: 0.3 }] },
      wrong: { decision: 'answer', results: [{ id: 'x', score: 0.9 }, { id: 'c', score: 0.2 }] },
      refused: { decision: 'none', results: [] },
      answeredNull: { decision: 'answer', results: [{ id: 'x', score: 0.7 }] },
    };
    const figures = evaluate(
      [
        { q: 'right', expect: 'a' },
        { q: 'third', expect: 'b' },
        { q: 'wrong', expect: 'c' },
        { q: 'refused', expect: null },
        { q: 'answeredNull', expect: null },
      ],
      (question) => answers[question],
    );
    expect(figures).toEqual({ questions: 5, inScope: 3, outOfScope: 2, top1: 1 / 3, top3: 1, refused: 0.5, confidentWrong: 0.4 });
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
