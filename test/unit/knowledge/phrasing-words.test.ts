import type { Article } from '../../../src/features/knowledge/article.js';
import { queryUnits } from '../../../src/features/knowledge/query-units.js';
import { buildSearchIndex } from '../../../src/features/knowledge/search-index.js';
import { rankTopics } from '../../../src/features/knowledge/search-knowledge.js';

function article(topic: string, title: string, phrasings: string[], keywords: string[] = []): Article {
  return {
    id: topic, topic, title, system: 'general', lang: 'et', phrasings, keywords, updated: '2026-12-08', owner: 'kasutajatugi',
    sources: [], links: [], body: 'Selgitus.', file: `${topic}.md`,
  };
}

/**
 * Sample questions are written in users' words: besides the topic's words each holds everyday
 * words of its own ("hommikul", "ruttu") that only that one question has. Such a word is rare in the
 * base, yet it says nothing about the topic, so it must not weigh like the topic's own words.
 */
const index = buildSearchIndex([
  article('parool', 'Parooli vahetamine', ['unustasin parooli', 'unustasin salasõna ära', 'parool aegub hommikul kodus ruttu']),
  article('kaart', 'Kaardilugeja ei loe kaarti', ['kaardilugeja ei tööta', 'lugeja vilgub punaselt'], ['kaardilugeja']),
  article('printer', 'Printer ei prindi', ['printer ei prindi', 'paber jääb kinni'], ['printer']),
]);

const weightOf = (word: string): number => queryUnits(index, word)[0].weight;

describe('everyday words of single sample questions', () => {
  it('weighs a word that only one sample question holds a quarter of a word the article names', () => {
    // Both words are found in one topic only; "vahetamine" is in the title, "hommikul" in one sample question.
    expect(weightOf('vahetamine')).toBeGreaterThan(0);
    expect(weightOf('hommikul')).toBeCloseTo(weightOf('vahetamine') / 4, 5);
  });

  it('weighs a word that two of one article\'s sample questions hold as the article\'s own', () => {
    expect(weightOf('unustasin')).toBeCloseTo(weightOf('vahetamine'), 5);
  });

  it('ranks by the topic word, not by an everyday word another article\'s sample question happens to hold', () => {
    expect(rankTopics(index, 'hommikul kodus ruttu: kaardilugeja').topics[0].id).toBe('kaart');
  });
});
