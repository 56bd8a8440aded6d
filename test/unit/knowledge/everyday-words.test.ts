import { fileURLToPath } from 'node:url';
import { loadArticles } from '../../../src/features/knowledge/load-articles.js';
import { queryUnits } from '../../../src/features/knowledge/query-units.js';
import { buildSearchIndex, type SearchIndex } from '../../../src/features/knowledge/search-index.js';

/** How the words staff type meet the words the real articles use. */
const KNOWLEDGE = fileURLToPath(new URL('../../../knowledge', import.meta.url));

let index: SearchIndex;
beforeAll(async () => {
  const loaded = await loadArticles(KNOWLEDGE);
  index = buildSearchIndex(loaded.articles);
});

/** The index terms each word of a question meets, word by word. */
const termsOf = (question: string): string[][] =>
  queryUnits(index, question).map((unit) => unit.matches.map((match) => index.terms[match.term]).sort());

describe('everyday words against the real articles', () => {
  it('meets an abbreviation with its case ending glued on as the abbreviation', () => {
    expect(termsOf('KOVi')).toEqual(termsOf('KOV'));
    expect(termsOf('RRist')).toEqual(termsOf('RR'));
    expect(termsOf('SKAst')).toEqual(termsOf('SKA'));
    expect(termsOf('KOVi')[0].length).toBeGreaterThan(0);
    // Not an abbreviation: a word the base does not know stays unknown.
    expect(queryUnits(index, 'palgast')[0]).toMatchObject({ weight: 0, unknown: 1 });
  });

  it('reads every form of the phrasal verb "time out" as the articles\' timeout', () => {
    for (const question of ['timing out', 'it times out', 'it timed out', 'a time-out', 'time outs']) {
      expect(termsOf(question).flat()).toEqual(termsOf('timeout').flat());
    }
  });

  it('reads going on pension as leaving the job, in Estonian and English', () => {
    for (const question of ['läks pensionile', 'jääb pensionile', 'pensionile jäämine']) {
      expect(termsOf(question).flat()).toEqual(termsOf('lahkub').flat());
    }
    expect(termsOf('retired').flat()).toEqual(termsOf('lahkub').flat());
    expect(termsOf('lahkub').flat().length).toBeGreaterThan(0);
  });

  it('reads "log" before client work as recording it, and "log in" still as signing in', () => {
    expect(termsOf('log my client work')[0]).toEqual(termsOf('record')[0]);
    expect(termsOf('logging home visits')[0]).toEqual(termsOf('record')[0]);
    expect(termsOf('log in').flat()).toEqual(termsOf('login').flat());
  });

  it('meets every case of "lukk" (locked) as one term', () => {
    expect(termsOf('lukku')).toEqual(termsOf('lukus'));
    expect(termsOf('locked')).toEqual(termsOf('lukus'));
    expect(termsOf('lukus')[0].length).toBeGreaterThan(0);
  });

  it('drops the English pronouns her, him and his', () => {
    expect(termsOf('her account')).toEqual(termsOf('account'));
    expect(termsOf('his account')).toEqual(termsOf('account'));
  });

  it('reads being made redundant as leaving the job, but not the articles\' "koondatakse" (is gathered)', () => {
    for (const question of ['koondati', 'ta on koondatud', 'koondamine']) {
      expect(termsOf(question).flat()).toEqual(termsOf('lahkub').flat());
    }
    expect(termsOf('koondatakse').flat()).not.toEqual(termsOf('lahkub').flat());
  });

  it('reads "jookseb kinni" as an error and "lendab välja" as being logged out', () => {
    expect(termsOf('jookseb kinni').flat()).toEqual(termsOf('error').flat());
    expect(termsOf('lendab välja').flat()).toEqual(termsOf('logout').flat());
    expect(termsOf('error').flat().length).toBeGreaterThan(0);
  });
});
