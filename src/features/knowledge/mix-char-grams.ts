import type { ArticleSystem } from './article.js';
import { heldGrams, phraseGramRecall, questionGrams, scoreCharGrams } from './score-char-grams.js';
import type { SearchIndex } from './search-index.js';

/** One topic's scores from both channels, and the features the decision reads from them. */
export interface TopicScore {
  /** What the topics are ranked by. */
  score: number;
  /** The word ranking's score (`scoreDocuments`, BM25F). */
  words: number;
  /** The character n-gram cosine (`scoreCharGrams`). */
  gram: number;
  /** The best share of one of its phrases the question holds by n-grams (`phraseGramRecall`); set for the first `rerank` topics. */
  gramRecall: number;
  coverage: number;
  similarity: number;
  recall: number;
  system: ArticleSystem;
}

/**
 * How the channels are mixed, chosen on both own question sets (`npx tsx bench/kb-ranking.ts`,
 * bench/README-kb.md "Character n-grams"): the word score and the n-gram cosine half and half,
 * then, for the first `rerank` topics, a fifth of the score from the n-gram share of the closest
 * phrase. Read at query time, so the bench can try other mixes.
 */
export const CHAR_GRAM_MIX = { gramShare: 0.5, recallShare: 0.2, rerank: 10 };

/** A topic the word ranking did not find joins only among the n-grams' best `CANDIDATES` (a bound on the work per query). */
const CANDIDATES = 40;
/**
 * ... and only when its cosine reaches this: a word that merely shares common pieces with the
 * articles ("tuumajaam" has "maja" and "jaam") must not list topics that no word of the question names.
 */
const MIN_JOIN = 0.2;

/** The `CANDIDATES`-th best n-gram score (0 when fewer topics score), kept in a small sorted list. */
function joinThreshold(scores: Float64Array): number {
  if (scores.length <= CANDIDATES) return 0;
  const best: number[] = [];
  for (const value of scores) {
    if (value === 0 || (best.length === CANDIDATES && value <= best[CANDIDATES - 1])) continue;
    let at = best.length < CANDIDATES ? best.length : CANDIDATES - 1;
    while (at > 0 && best[at - 1] < value) {
      best[at] = best[at - 1];
      at -= 1;
    }
    best[at] = value;
  }
  return best.length < CANDIDATES ? 0 : best[CANDIDATES - 1];
}

/**
 * Mixes the n-gram channel into each topic's score. `words`: the question's folded content words,
 * as the word ranking read them. A topic only the n-grams find (every word of the question
 * misspelt) joins with their share alone; `allows` keeps the one-system rule.
 */
export function mixCharGrams(index: SearchIndex, words: readonly string[], allows: (system: ArticleSystem) => boolean, byTopic: Map<string, TopicScore>): void {
  const { gramShare, recallShare, rerank } = CHAR_GRAM_MIX;
  const grams = questionGrams(index.charGrams, words);
  const scores = scoreCharGrams(index.charGrams, grams);
  const { topics, systems, topicAt } = index.charGrams;
  for (const [topic, entry] of byTopic) entry.gram = scores[topicAt.get(topic) ?? -1] ?? 0;
  const least = joinThreshold(scores);
  for (let at = 0; at < topics.length; at += 1) {
    if (scores[at] < MIN_JOIN || scores[at] < least || byTopic.has(topics[at]) || !allows(systems[at])) continue;
    byTopic.set(topics[at], { score: 0, words: 0, gram: scores[at], gramRecall: 0, coverage: 0, similarity: 0, recall: 0, system: systems[at] });
  }
  for (const entry of byTopic.values()) entry.score = (1 - recallShare) * ((1 - gramShare) * entry.words + gramShare * entry.gram);
  // Only the leaders are compared phrase by phrase: the per-query work stays bounded at any size of base.
  const leaders = [...byTopic].sort((a, b) => b[1].score - a[1].score).slice(0, rerank);
  const held = heldGrams(index.charGrams, grams);
  for (const [topic, entry] of leaders) {
    entry.gramRecall = phraseGramRecall(index.charGrams, held, topic);
    entry.score += recallShare * entry.gramRecall;
  }
}
