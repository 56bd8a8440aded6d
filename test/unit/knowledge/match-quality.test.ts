import { fileURLToPath } from 'node:url';
import { loadArticles } from '../../../src/features/knowledge/load-articles.js';
import { queryUnits } from '../../../src/features/knowledge/query-units.js';
import { buildSearchIndex, type SearchIndex } from '../../../src/features/knowledge/search-index.js';
import { QUALITY, Vocabulary } from '../../../src/features/knowledge/vocabulary.js';

/** How sure a near match (a typo) must be before a question word weighs as an index term. */
describe('typo matches', () => {
  const vocabulary = new Vocabulary(new Map([['asju', 0], ['parool', 1], ['taotlus', 2]]));

  it('does not take a four-letter term for a typo of a longer everyday word', () => {
    expect(vocabulary.fuzzyMatches('asjus')).toEqual([]);
    expect(vocabulary.exact('asju')).toBe(0);
  });

  it('still meets a typo of a word of five letters or more', () => {
    expect(vocabulary.fuzzyMatches('paroll')).toEqual([{ term: 1, quality: QUALITY.oneEdit }]);
    expect(vocabulary.fuzzyMatches('taotus')).toEqual([{ term: 2, quality: QUALITY.oneEdit }]);
  });
});

describe('typo matches against the real articles', () => {
  const KNOWLEDGE = fileURLToPath(new URL('../../../knowledge', import.meta.url));
  let index: SearchIndex;
  beforeAll(async () => {
    index = buildSearchIndex((await loadArticles(KNOWLEDGE)).articles);
  });

  it('leaves the filler "asjus" unknown instead of weighing it as the rare term asju', () => {
    const [filler] = queryUnits(index, 'asjus');
    expect(filler).toMatchObject({ weight: 0, unknown: 1, matches: [] });
    const [word] = queryUnits(index, 'asju');
    expect(word.weight).toBeGreaterThan(3);
    expect(word.matches.map((match) => index.terms[match.term])).toEqual(['asju']);
  });
});
