import { confidence, DECISION_MODEL, type TopFeatures } from '../../../src/features/knowledge/decision-model.js';
import { decide, MAX_SEARCH_CHARS, searchKnowledge, suggestionsOf } from '../../../src/features/knowledge/search-knowledge.js';
import type { SearchIndex } from '../../../src/features/knowledge/search-index.js';
import { fixtureIndex, THRESHOLDS } from './knowledge-test-kit.js';

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
    const outcome = ask('testkonto');
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
    const typo = searchKnowledge(index, 'paroli', THRESHOLDS);
    expect(typo.decision).toBe('answer');
    const strict = searchKnowledge(index, 'paroli', { answerThreshold: typo.results[0].score + 0.02, suggestThreshold: typo.results[0].score + 0.01 });
    expect(strict.decision).toBe('none');
    const lenient = searchKnowledge(index, 'testkonto', { answerThreshold: 0.1, suggestThreshold: 0.05 });
    expect(lenient.decision).toBe('answer');
  });
});

describe('decide and calibrate', () => {
  it('suggests at most three articles, none below half the first', () => {
    const results = [0.5, 0.4, 0.3, 0.29].map((score, at) => ({ id: `t${at}`, score }));
    expect(suggestionsOf({ decision: 'suggest', results, systems: [] }).map((result) => result.id)).toEqual(['t0', 't1', 't2']);
    expect(suggestionsOf({ decision: 'suggest', results: [{ id: 'a', score: 0.4 }, { id: 'b', score: 0.1 }], systems: [] })).toEqual([{ id: 'a', score: 0.4 }]);
  });

  it('maps the top score to the three outcomes', () => {
    expect(decide([{ id: 'a', score: 0.55 }], THRESHOLDS)).toBe('answer');
    expect(decide([{ id: 'a', score: 0.3 }], THRESHOLDS)).toBe('suggest');
    expect(decide([{ id: 'a', score: 0.29 }], THRESHOLDS)).toBe('none');
    expect(decide([], THRESHOLDS)).toBe('none');
  });

  it('lowers confidence when the runner-up is close or the article explains little of the question', () => {
    const features: TopFeatures = { top: 0.8, second: 0, coverage: 1, knownWeight: 4, unknownWords: 0, unknownWeight: 1 };
    const at = (change: Partial<TopFeatures>) => confidence({ ...features, ...change }, DECISION_MODEL);
    expect(at({})).toBeCloseTo(0.8);
    expect(at({ second: 0.8 })).toBeCloseTo(0.8 * DECISION_MODEL.tieFactor);
    expect(at({ second: 0.7 })).toBeLessThan(at({ second: 0.4 }));
    expect(at({ coverage: 0.2 })).toBeLessThan(at({ coverage: 0.9 }));
    expect(at({ coverage: 0.6, unknownWords: 6 })).toBeLessThan(at({ coverage: 0.6, unknownWords: 1 }));
    expect(at({ top: 0 })).toBe(0);
  });
});
