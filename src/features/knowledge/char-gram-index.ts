import type { Article, ArticleSystem } from './article.js';
import { analyseText, type AnalysisLang } from './analyse-text.js';

/**
 * A second view of the articles, by character n-grams: every content word, folded (case and
 * diacritics, ü typed as y read as u), padded with a space on each side and cut into its 3- to
 * 5-letter pieces. Estonian inflection (kaart, kaardile), compounds (lastekaitsetöötaja) and typos
 * share most of their pieces with the word the article uses, without a list of forms or a stemmer
 * rule for each. Per topic (an article and its translation are one), a TF-IDF vector of the pieces
 * of its title, sample questions and keywords, and of its body at a low weight, unit length.
 */
/** The body says much that a question does not ask about; its pieces count little. */
export const CHAR_GRAM_TUNING = { bodyWeight: 0, sizes: [3, 4, 5] };

export interface CharGramPosting {
  topics: Int32Array;
  /** The piece's weight in each topic's unit-length vector. */
  weights: Float32Array;
}

export interface CharGramIndex {
  topics: string[];
  /** Each topic's place in `topics`. */
  topicAt: ReadonlyMap<string, number>;
  /** Each topic's system, for the rule that a question naming one system never gets the other's articles. */
  systems: ArticleSystem[];
  gramIds: ReadonlyMap<string, number>;
  idf: Float64Array;
  postings: CharGramPosting[];
  /** Each topic's titles and sample questions, for `phraseGramRecall`. */
  phrases: ReadonlyMap<string, readonly string[]>;
  /** The phrases' pieces, filled per topic on first use (`phraseGramRecall`); it only grows to the topics' count. */
  phraseGrams: Map<string, Array<{ ids: Int32Array; total: number }>>;
}

/**
 * The folded content words of a text (`wordGrams` reads y as ü). `known` holds
 * texts already analysed (the word index's build passes its own), as their folded words.
 */
export function gramWords(text: string, lang: AnalysisLang, known?: ReadonlyMap<string, readonly string[]>): readonly string[] {
  return known?.get(text) ?? analyseText(text, lang).map((token) => token.surface);
}

/** Words repeat across articles and questions; their pieces are cut once (forgotten all at a bound). */
const MEMO_LIMIT = 50_000;
const memo = new Map<string, string[]>();

/** Every 3- to 5-letter piece of a space-padded word, each once; y and ü (folded to u) are one letter here. */
export function wordGrams(word: string): string[] {
  let grams = memo.get(word);
  if (grams) return grams;
  const padded = ` ${word.includes('y') ? word.replace(/y/g, 'u') : word} `;
  const found = new Set<string>();
  for (const size of CHAR_GRAM_TUNING.sizes) for (let at = 0; at + size <= padded.length; at += 1) found.add(padded.slice(at, at + size));
  grams = [...found];
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(word, grams);
  return grams;
}

/** Numbers the pieces as they are met; a word's pieces are looked up once per build (words repeat). */
class GramNumbering {
  readonly ids = new Map<string, number>();
  private readonly ofWord = new Map<string, number[]>();

  wordIds(word: string): number[] {
    let ids = this.ofWord.get(word);
    if (!ids) {
      ids = wordGrams(word).map((gram) => {
        let id = this.ids.get(gram);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(gram, id);
        }
        return id;
      });
      this.ofWord.set(word, ids);
    }
    return ids;
  }

  constructor(private readonly known?: ReadonlyMap<string, readonly string[]>) {}

  count(counts: Map<number, number>, text: string, lang: AnalysisLang): void {
    for (const word of gramWords(text, lang, this.known)) for (const id of this.wordIds(word)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
}

/** Per topic, each piece's term frequency: 1 + log of its count in the short fields, plus a little for the body's. */
function topicFrequencies(articles: readonly Article[], numbering: GramNumbering): Map<string, Map<number, number>> {
  const fields = new Map<string, { short: Map<number, number>; body: Map<number, number> }>();
  for (const article of articles) {
    const counts = fields.get(article.topic) ?? { short: new Map<number, number>(), body: new Map<number, number>() };
    fields.set(article.topic, counts);
    for (const text of [article.title, ...article.phrasings, ...article.keywords]) numbering.count(counts.short, text, article.lang);
    if (CHAR_GRAM_TUNING.bodyWeight > 0) numbering.count(counts.body, article.body, article.lang);
  }
  const byTopic = new Map<string, Map<number, number>>();
  for (const [topic, { short, body }] of fields) {
    const tf = new Map<number, number>();
    for (const [id, count] of short) tf.set(id, 1 + Math.log(count));
    for (const [id, count] of body) tf.set(id, (tf.get(id) ?? 0) + CHAR_GRAM_TUNING.bodyWeight * (1 + Math.log(count)));
    byTopic.set(topic, tf);
  }
  return byTopic;
}

/** Every piece's posting list as views of two shared arrays (one allocation, however many pieces). */
function postingsOf(frequencies: ReadonlyArray<Map<number, number>>, df: Int32Array, idf: Float64Array): CharGramPosting[] {
  const gramCount = df.length;
  const start = new Int32Array(gramCount + 1);
  for (let id = 0; id < gramCount; id += 1) start[id + 1] = start[id] + df[id];
  const topics = new Int32Array(start[gramCount]);
  const weights = new Float32Array(start[gramCount]);
  const filled = start.slice(0, gramCount);
  frequencies.forEach((tf, topic) => {
    let norm = 0;
    for (const [id, value] of tf) norm += (value * idf[id]) ** 2;
    const length = Math.sqrt(norm) || 1;
    for (const [id, value] of tf) {
      topics[filled[id]] = topic;
      weights[filled[id]] = (value * idf[id]) / length;
      filled[id] += 1;
    }
  });
  return Array.from({ length: gramCount }, (_, id) => ({ topics: topics.subarray(start[id], start[id + 1]), weights: weights.subarray(start[id], start[id + 1]) }));
}

/** Builds the n-gram vectors of every topic: term frequency x idf, scaled to unit length. `known`: see `gramWords`. */
export function buildCharGramIndex(articles: readonly Article[], known?: ReadonlyMap<string, readonly string[]>): CharGramIndex {
  const numbering = new GramNumbering(known);
  const byTopic = topicFrequencies(articles, numbering);
  const topics = [...byTopic.keys()];
  const frequencies = [...byTopic.values()];
  const df = new Int32Array(numbering.ids.size);
  for (const tf of frequencies) for (const id of tf.keys()) df[id] += 1;
  const idf = Float64Array.from(df, (count) => Math.log(1 + topics.length / Math.max(1, count)));
  const postings = postingsOf(frequencies, df, idf);
  const systemOf = new Map(articles.map((article) => [article.topic, article.system]));
  const phrases = new Map<string, string[]>();
  for (const article of articles) phrases.set(article.topic, [...(phrases.get(article.topic) ?? []), article.title, ...article.phrasings]);
  return { topics, topicAt: new Map(topics.map((topic, at) => [topic, at])), systems: topics.map((topic) => systemOf.get(topic) as ArticleSystem), gramIds: numbering.ids, idf, postings, phrases, phraseGrams: new Map() };
}
