import type { Article } from '../../../src/features/knowledge/article.js';
import { buildCharGramIndex, type CharGramIndex } from '../../../src/features/knowledge/char-gram-index.js';
import { heldGrams, phraseGramRecall, questionGrams, scoreCharGrams } from '../../../src/features/knowledge/score-char-grams.js';
import { questionTokens } from '../../../src/features/knowledge/query-units.js';
import type { SearchIndex } from '../../../src/features/knowledge/search-index.js';
import { rankTopics } from '../../../src/features/knowledge/search-knowledge.js';
import { fixtureIndex } from './knowledge-test-kit.js';

function article(topic: string, title: string, phrasings: string[], keywords: string[] = []): Article {
  return {
    id: topic, topic, title, system: 'STAR', lang: 'et', phrasings, keywords, updated: '2026-12-08', owner: 'kasutajatugi',
    sources: [], links: [], body: 'Pikem selgitus, mida n-grammid ei loe.', file: `${topic}.md`,
  };
}

const small: CharGramIndex = buildCharGramIndex([
  article('parool', 'Parooli vahetamine', ['unustasin parooli', 'kuidas parooli vahetada'], ['salasõna']),
  article('kaart', 'ID-kaardi lugeja ei tööta', ['kaardilugeja ei loe kaarti', 'küsimus ID-kaardi kohta']),
  article('oigused', 'Kasutajaõiguste taotlemine', ['kuidas saada kasutajaõigused', 'lastekaitsetöötaja vajab õigusi']),
]);

/** The question's pieces, from its words as the search reads them. */
function gramsOf(question: string): Map<number, number> {
  return questionGrams(small, questionTokens(question).map((token) => token.surface));
}

/** The topics by n-gram cosine, best first. */
function ranked(question: string): string[] {
  const scores = scoreCharGrams(small, gramsOf(question));
  return small.topics.map((topic, at) => ({ topic, score: scores[at] })).filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score).map(({ topic }) => topic);
}

describe('character n-gram channel', () => {
  it('meets inflected forms, compounds and typos without word lists', () => {
    expect(ranked('kaardile')[0]).toBe('kaart');
    expect(ranked('paroolivahetus')[0]).toBe('parool');
    expect(ranked('lastekaitsetöötajana õigusteta')[0]).toBe('oigused');
    expect(ranked('pasrooli vahetamne')[0]).toBe('parool');
  });

  it('reads y typed for ü as ü', () => {
    expect(ranked('kysimus kaardi kohta')[0]).toBe('kaart');
    expect(gramsOf('kysimus')).toEqual(gramsOf('küsimus'));
  });

  it('gives words no article resembles no weight: they neither add nor take away', () => {
    const plain = scoreCharGrams(small, gramsOf('parooli vahetus'));
    const withContext = scoreCharGrams(small, gramsOf('xqzw parooli vahetus bvkjh'));
    expect([...withContext]).toEqual([...plain]);
    expect(gramsOf('xqzwv bvkjh').size).toBe(0);
  });

  it('counts a phrase as held when a long question contains it, inflected', () => {
    const grams = heldGrams(small, gramsOf('tere, olen uus ja unustasin oma paroolid ära, mis nüüd'));
    expect(phraseGramRecall(small, grams, 'parool')).toBeGreaterThan(0.8);
    expect(phraseGramRecall(small, grams, 'kaart')).toBeLessThan(0.3);
    expect(phraseGramRecall(small, grams, 'no-such-topic')).toBe(0);
  });
});

describe('ranking with the n-gram channel', () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await fixtureIndex();
  });

  it('ranks a misspelt compound by the article it resembles (the word ranking alone ranks the account article first)', () => {
    expect(rankTopics(index, 'testkeskonnakonto').topics[0].id).toBe('star-testkeskkond');
  });

  it('gives the top topic a clear lead over a neighbour that shares only a part of the compound', () => {
    const [top, second] = rankTopics(index, 'kasutajakontod').topics;
    expect(top.id).toBe('star-kasutajakonto');
    expect(second.score).toBeLessThan(top.score / 2);
  });

  it('reports the n-gram share of the closest phrase to the decision', () => {
    expect(rankTopics(index, 'unustasin STARi parooli').features?.gramRecall).toBeCloseTo(1, 5);
    expect(rankTopics(index, 'STARi parool').features?.gramRecall).toBeLessThan(1);
  });
});
