import { gramWords, wordGrams, type CharGramIndex } from './char-gram-index.js';

/**
 * A piece held by more than a fiftieth of the topics (and more than `MIN_SKIP` of them) is
 * skipped when scoring: its idf is low, so it moves every topic alike, and at 10,000 articles its
 * posting list would dominate the query's work. In a base of a few hundred topics nothing is skipped.
 */
const SKIP_SHARE = 1 / 50;
const MIN_SKIP = 200;
/**
 * The pieces of the question's folded content words (`gramWords`; the search passes the words its
 * word ranking read, `questionTokens`) that some topic holds, with their counts; pieces no topic holds are left out.
 */
export function questionGrams(index: CharGramIndex, words: readonly string[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const word of words) {
    for (const gram of wordGrams(word)) {
      const id = index.gramIds.get(gram);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Cosine of the question's n-gram vector with each topic's. Only pieces some topic holds count,
 * in the question's vector and in its length: a word no article resembles adds nothing and takes
 * nothing away, as in the word ranking. Returns one value per topic of `index.topics`, 0..1.
 */
export function scoreCharGrams(index: CharGramIndex, grams: ReadonlyMap<number, number>): Float64Array {
  const scores = new Float64Array(index.topics.length);
  const longest = Math.max(MIN_SKIP, index.topics.length * SKIP_SHARE);
  let norm = 0;
  for (const [id, count] of grams) {
    const weight = (1 + Math.log(count)) * index.idf[id];
    norm += weight * weight;
    const { topics, weights } = index.postings[id];
    if (topics.length > longest) continue;
    for (let at = 0; at < topics.length; at += 1) scores[topics[at]] += weight * weights[at];
  }
  if (norm === 0) return scores;
  const length = Math.sqrt(norm);
  for (let at = 0; at < scores.length; at += 1) scores[at] /= length;
  return scores;
}

/** A phrase's known pieces and their idf, summed. */
interface PhraseGrams {
  ids: Int32Array;
  total: number;
}

function phraseGramsOf(index: CharGramIndex, topic: string): PhraseGrams[] {
  let cached = index.phraseGrams.get(topic);
  if (cached) return cached;
  cached = (index.phrases.get(topic) ?? []).map((phrase) => {
    const ids = new Set<number>();
    for (const word of gramWords(phrase, 'any')) {
      for (const gram of wordGrams(word)) {
        const id = index.gramIds.get(gram);
        if (id !== undefined) ids.add(id);
      }
    }
    const list = Int32Array.from(ids);
    return { ids: list, total: list.reduce((sum, id) => sum + index.idf[id], 0) };
  });
  index.phraseGrams.set(topic, cached);
  return cached;
}

/**
 * The largest idf-weighted share of one phrase's pieces (a title or sample question) that the
 * question holds: a long question with context holds all of a short sample question, typos and
 * inflected forms most of it. A topic's phrases are cut into pieces when first asked for.
 */
export function phraseGramRecall(index: CharGramIndex, held: Uint8Array, topic: string): number {
  let best = 0;
  for (const { ids, total } of phraseGramsOf(index, topic)) {
    if (total === 0) continue;
    let found = 0;
    for (const id of ids) if (held[id] === 1) found += index.idf[id];
    best = Math.max(best, found / total);
  }
  return best;
}

/** The question's pieces as a mark per piece of the index: phrases are compared against it many times per question. */
export function heldGrams(index: CharGramIndex, grams: ReadonlyMap<number, number>): Uint8Array {
  const held = new Uint8Array(index.idf.length);
  for (const id of grams.keys()) held[id] = 1;
  return held;
}
