import { trainingOf } from '../../../src/features/knowledge/cross-validate.js';
import { NOISES, noisyVariants, rankedVariants, seededRandom, type NoiseName } from '../../../src/features/knowledge/noisy-variants.js';

const ESTONIAN = { q: 'Kuidas ma STARi kasutajaõigused tühistan?', expect: 'star-kasutaja-lopetamine', kind: 'in' };
const ENGLISH = { q: 'How do I get a STAR account for a new employee?', expect: 'star-kasutajaks-saamine', kind: 'in' };
const only = (name: NoiseName): Record<NoiseName, number> =>
  Object.fromEntries(Object.keys(NOISES).map((other) => [other, other === name ? 1 : 0])) as Record<NoiseName, number>;

describe('noisy variants of training questions', () => {
  it('are the same for the same seed, keep the label and differ from the question', () => {
    const first = noisyVariants(ESTONIAN, 5, seededRandom(42));
    expect(noisyVariants(ESTONIAN, 5, seededRandom(42))).toEqual(first);
    expect(noisyVariants(ESTONIAN, 5, seededRandom(43))).not.toEqual(first);
    for (const variant of first) {
      expect(variant).toMatchObject({ expect: ESTONIAN.expect, kind: 'in' });
      expect(variant.q).not.toBe(ESTONIAN.q);
      expect(variant.style).toMatch(/^noisy:/);
    }
  });

  it('drop the diacritics, type ü as y and lower the case', () => {
    expect(noisyVariants(ESTONIAN, 1, seededRandom(1), only('noDiacritics'))[0].q).toBe('Kuidas ma STARi kasutajaoigused tuhistan?');
    expect(noisyVariants(ESTONIAN, 1, seededRandom(1), only('yForU'))[0].q).toBe('Kuidas ma STARi kasutajaõigused tyhistan?');
    expect(noisyVariants(ESTONIAN, 1, seededRandom(1), only('lowerCase'))[0].q).toBe('kuidas ma stari kasutajaõigused tühistan');
  });

  it('make one typing slip in one long word and leave the other words alone', () => {
    for (let seed = 1; seed < 20; seed += 1) {
      const words = noisyVariants(ESTONIAN, 1, seededRandom(seed), only('typo'))[0].q.split(' ');
      const original = ESTONIAN.q.split(' ');
      const changed = words.filter((word, at) => word !== original[at]);
      expect(changed).toHaveLength(1);
      expect(['kasutajaõigused', 'tühistan?']).toContain(original[words.indexOf(changed[0])]);
    }
  });

  it('say who asks and close in the language of the question', () => {
    for (let seed = 1; seed < 10; seed += 1) {
      const [english] = noisyVariants(ENGLISH, 1, seededRandom(seed), only('opening'));
      expect(english.q).not.toMatch(/[õäöü]|tere|olen/i);
      expect(english.q.length).toBeGreaterThan(ENGLISH.q.length);
      const [estonian] = noisyVariants(ESTONIAN, 1, seededRandom(seed), only('closing'));
      expect(estonian.q.startsWith(ESTONIAN.q)).toBe(true);
      expect(estonian.q).not.toMatch(/thanks|regards|cheers/i);
    }
  });

  it('are ranked and tied to the question they were made from', () => {
    const ranked = rankedVariants([ESTONIAN, ENGLISH], (question) => ({ systems: [], topics: [{ id: question, score: 1 }] }), 2);
    expect(ranked.map((variant) => variant.from)).toEqual([0, 0, 1, 1]);
    expect(ranked.every((variant) => variant.variant && variant.ranking.topics[0].id === variant.question.q)).toBe(true);
    expect(rankedVariants([ESTONIAN], () => ({ systems: [], topics: [] }), 0)).toEqual([]);
  });
});

describe('cross-validation with noisy variants', () => {
  it('trains a fold on the other folds and their variants, never on a variant of a held-out question', () => {
    const cases = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    const variants = [{ name: 'a1', from: 0 }, { name: 'b1', from: 1 }, { name: 'c1', from: 2 }, { name: 'd1', from: 3 }];
    const folds = [0, 1, 0, 1];
    expect(trainingOf(cases, variants, folds, 0).map(({ name }) => name)).toEqual(['b', 'd', 'b1', 'd1']);
    expect(trainingOf(cases, variants, folds, 1).map(({ name }) => name)).toEqual(['a', 'c', 'a1', 'c1']);
  });
});
