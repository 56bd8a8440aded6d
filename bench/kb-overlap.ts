/**
 * Sample questions (and titles) that say no more than another topic's: for every phrase of an
 * article, its closest phrase in another topic's article of the same language, by idf-weighted
 * Dice over the terms the index keeps (stop words and fillers are gone, so "kuidas SKAISi õigused
 * tagasi saada" is skais + õigus + saada). A phrase close to another topic's is one the ranking
 * cannot tell apart: it should say what its own article alone is about.
 *
 *   npx tsx bench/kb-overlap.ts [--dir knowledge] [--min 0.75] [--topic ID]
 */
import { parseArgs } from 'node:util';
import { loadArticles } from '../src/features/knowledge/load-articles.js';
import { buildSearchIndex, type IndexedPhrase, type SearchIndex } from '../src/features/knowledge/search-index.js';

function dice(index: SearchIndex, a: IndexedPhrase, b: IndexedPhrase): number {
  const weightOf = (terms: Int32Array): number => terms.reduce((sum, term) => sum + index.idf[term], 0);
  const shared = a.terms.filter((term) => b.terms.includes(term)).reduce((sum, term) => sum + index.idf[term], 0);
  const total = weightOf(a.terms) + weightOf(b.terms);
  return total === 0 ? 0 : (2 * shared) / total;
}

const words = (index: SearchIndex, phrase: IndexedPhrase): string => [...phrase.terms].map((term) => index.terms[term]).join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: 'knowledge' }, min: { type: 'string', default: '0.75' }, topic: { type: 'string' } } });
  const index = buildSearchIndex((await loadArticles(values.dir)).articles);
  const min = Number(values.min);
  const byPair = new Map<string, string[]>();
  index.docs.forEach((doc, at) => {
    if (values.topic && doc.article.topic !== values.topic) return;
    doc.phrases.forEach((phrase) => {
      let best: { value: number; other: number; phrase: IndexedPhrase } | undefined;
      index.docs.forEach((other, otherAt) => {
        if (other.article.topic === doc.article.topic || other.article.lang !== doc.article.lang) return;
        for (const candidate of other.phrases) {
          const value = dice(index, phrase, candidate);
          if (!best || value > best.value) best = { value, other: otherAt, phrase: candidate };
        }
      });
      if (!best || best.value < min) return;
      const key = `${doc.article.topic} -> ${index.docs[best.other].article.topic}`;
      const list = byPair.get(key) ?? [];
      list.push(`${best.value.toFixed(2)} [${doc.article.lang}] ${words(index, phrase)}  ~  ${words(index, best.phrase)}`);
      byPair.set(key, list);
      void at;
    });
  });
  const pairs = [...byPair].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  console.log(`${pairs.reduce((sum, [, list]) => sum + list.length, 0)} phrases with weighted Dice >= ${min} to another topic's phrase, in ${pairs.length} topic directions`);
  for (const [key, list] of pairs) console.log(`\n${key} (${list.length})\n  ${list.join('\n  ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
