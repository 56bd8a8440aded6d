import { confidence, featureVector, fitWeights, TRAINED_WEIGHTS, type TopFeatures } from '../../../src/features/knowledge/decision-model.js';
import { decide, decideTwo, MAX_SEARCH_CHARS, searchKnowledge, suggestionsOf } from '../../../src/features/knowledge/search-knowledge.js';
import type { SearchIndex } from '../../../src/features/knowledge/search-index.js';
import { buildSearchIndex } from '../../../src/features/knowledge/search-index.js';
import { loadArticles } from '../../../src/features/knowledge/load-articles.js';
import { FIXTURE_KB, fixtureIndex, THRESHOLDS } from './knowledge-test-kit.js';

let index: SearchIndex;
beforeAll(async () => {
  index = await fixtureIndex();
});

const ask = (question: string) => searchKnowledge(index, question, THRESHOLDS);

describe('searchKnowledge', () => {
  it('answers a clear question with one article', () => {
    const outcome = ask('unustasin oma STARi parooli ära');
    expect(outcome.decision).toBe('answer');
    expect(outcome.results[0].id).toBe('star-parool');
    expect(outcome.systems).toEqual(['STAR']);
  });

  it('answers without diacritics and with typos', () => {
    expect(ask('kuidas staris paroli vahetada').results[0].id).toBe('star-parool');
    expect(ask('asendaja oigused puhkuse ajal skaisis')).toMatchObject({ decision: 'answer', results: [{ id: 'skais-asendaja' }] });
  });

  it('answers English questions with the topic id, not the -en article id', () => {
    const outcome = ask('How do I reset my STAR password?');
    expect(outcome.decision).toBe('answer');
    expect(outcome.results[0].id).toBe('star-parool');
    expect(outcome.results.map((result) => result.id)).not.toContain('star-parool-en');
  });

  it('suggests when it is not sure', () => {
    const outcome = ask('parool testkeskkonnas aegus');
    expect(outcome.decision).toBe('suggest');
    expect(outcome.results[0].id).toBe('star-testkeskkond');
  });

  it('refuses questions about other things', () => {
    for (const question of ['mis ilm homme Tallinnas on', 'Who won the football match yesterday?', 'kuidas printerit ühendada', '?!', '']) {
      expect(ask(question).decision).toBe('none');
    }
  });

  it('never answers a question that names one system with an article about the other', () => {
    const skais = ask('SKAISi parool aegus');
    expect(skais.systems).toEqual(['SKAIS']);
    expect(skais.results.map((result) => result.id)).not.toContain('star-parool');
  });

  it('recognises small talk and answers it with nothing', () => {
    for (const text of ['tere', 'Aitäh!', 'Thanks a lot', 'are you a robot?', 'head aega', 'asdfgh']) {
      expect(ask(text)).toMatchObject({ decision: 'none', results: [], smalltalk: expect.anything() });
    }
    expect(ask('tere, unustasin STARi parooli').smalltalk).toBeUndefined();
    // "jama" is an insult on its own, but "I have trouble with STAR" is a question about a system.
    expect(ask('jama').smalltalk).toBeDefined();
    expect(ask('mul on STARiga jama').smalltalk).toBeUndefined();
  });

  it('answers a question typed exactly as a sample question (an accepted phrasing) with that article', async () => {
    expect(ask('Konto?').decision).not.toBe('answer');
    const { articles } = await loadArticles(FIXTURE_KB);
    const learned = articles.map((article) => (article.id === 'star-kasutajakonto' ? { ...article, phrasings: [...article.phrasings, 'konto'] } : article));
    const outcome = searchKnowledge(buildSearchIndex(learned), 'Konto?', THRESHOLDS);
    expect(outcome.decision).toBe('answer');
    expect(outcome.results[0]).toEqual({ id: 'star-kasutajakonto', score: 1 });
  });

  it('reads a bounded prefix of a very long message', () => {
    const long = `unustasin STARi parooli ${'lorem ipsum dolor sit amet '.repeat(1200)}`;
    expect(long.length).toBeGreaterThan(28_000);
    expect(ask(long).results[0].id).toBe('star-parool');
    expect(ask(long).results).toEqual(ask(long.slice(0, MAX_SEARCH_CHARS)).results);
  });

  it('does not search drafts', () => {
    expect(ask('tuumajaam').results).toEqual([]);
  });

  it('scores from 0 to 1, best first, one result per topic', () => {
    const { results } = ask('STARi konto');
    expect(results.length).toBeGreaterThan(1);
    for (const result of results) expect(result.score).toBeGreaterThanOrEqual(0);
    expect(results[0].score).toBeLessThanOrEqual(1);
    expect([...results].sort((a, b) => b.score - a.score)).toEqual(results);
    expect(new Set(results.map((result) => result.id)).size).toBe(results.length);
  });

  it('follows the configured thresholds', () => {
    const clear = searchKnowledge(index, 'unustasin STARi parooli', THRESHOLDS);
    expect(clear.decision).toBe('answer');
    const strict = searchKnowledge(index, 'unustasin STARi parooli', { answerThreshold: clear.results[0].score + 0.02, suggestThreshold: clear.results[0].score + 0.01 });
    expect(strict.decision).toBe('none');
    const lenient = searchKnowledge(index, 'STARi testkeskkonna parool', { answerThreshold: 0.1, suggestThreshold: 0.05 });
    expect(lenient.decision).toBe('answer');
  });
});

describe('decide and calibrate', () => {
  it('suggests at most three articles, none below half the first', () => {
    const results = [0.5, 0.4, 0.3, 0.29].map((score, at) => ({ id: `t${at}`, score }));
    expect(suggestionsOf({ decision: 'suggest', results, systems: [] }).map((result) => result.id)).toEqual(['t0', 't1', 't2']);
    expect(suggestionsOf({ decision: 'suggest', results: [{ id: 'a', score: 0.4 }, { id: 'b', score: 0.1 }], systems: [] })).toEqual([{ id: 'a', score: 0.4 }]);
  });

  it('suggests when the top topic is unsure but the right one is likely among the suggestions (close neighbours)', () => {
    const thresholds = { answerThreshold: 0.8, suggestThreshold: 0.6 };
    expect(decideTwo(0.85, 0.1, thresholds)).toBe('answer');
    expect(decideTwo(0.3, 0.7, thresholds)).toBe('suggest');
    expect(decideTwo(0.7, 0.5, thresholds)).toBe('none');
  });

  it('maps the top score to the three outcomes', () => {
    expect(decide([{ id: 'a', score: 0.775 }], THRESHOLDS)).toBe('answer');
    expect(decide([{ id: 'a', score: 0.575 }], THRESHOLDS)).toBe('suggest');
    expect(decide([{ id: 'a', score: 0.574 }], THRESHOLDS)).toBe('none');
    expect(decide([], THRESHOLDS)).toBe('none');
  });

  it('lowers confidence when the runner-up is close, the article explains little or the question names another system', () => {
    const features: TopFeatures = {
      top: 0.8, second: 0.1, third: 0.05, secondCoverage: 0.1, coverage: 0.9, similarity: 0.8, recall: 0.9,
      knownWeight: 6, knownWords: 4, unknownWords: 0, namesSystem: 1, namesOther: 0, gramRecall: 0.9,
    };
    const at = (change: Partial<TopFeatures>) => confidence({ ...features, ...change }, TRAINED_WEIGHTS);
    expect(at({})).toBeGreaterThan(0.9);
    expect(at({ second: 0.75, secondCoverage: 0.85 })).toBeLessThan(at({}));
    expect(at({ coverage: 0.3, recall: 0.3, similarity: 0.2, gramRecall: 0.3 })).toBeLessThan(at({}));
    expect(at({ namesSystem: 0, namesOther: 1 })).toBeLessThan(at({ namesSystem: 0 }));
    expect(at({ top: 0 })).toBe(0);
  });

  it('fits the logistic model to separate right from wrong tops', () => {
    const right: TopFeatures = { top: 0.9, second: 0.2, third: 0.1, secondCoverage: 0.2, coverage: 0.9, similarity: 0.8, recall: 1, knownWeight: 5, knownWords: 3, unknownWords: 0, namesSystem: 1, namesOther: 0, gramRecall: 1 };
    const wrong: TopFeatures = { ...right, top: 0.4, second: 0.38, coverage: 0.4, recall: 0.3, unknownWords: 3, gramRecall: 0.3 };
    const weights = fitWeights([featureVector(right), featureVector(wrong)], [1, 0], 500);
    expect(confidence(right, weights)).toBeGreaterThan(0.8);
    expect(confidence(wrong, weights)).toBeLessThan(0.2);
  });
});
