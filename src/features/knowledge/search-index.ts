import type { Article } from './article.js';
import { analyseText, indexForm, synonymForms } from './analyse-text.js';
import { buildCharGramIndex, type CharGramIndex } from './char-gram-index.js';
import { questionKey } from './clean-question.js';
import { splitCompound } from './compound-split.js';
import { Vocabulary } from './vocabulary.js';

/**
 * BM25F: a term's count in each field, times the field's weight (title and sample questions most,
 * the body least, its count normalised by the body's length), summed and then saturated, so a
 * word repeated in the body never outweighs the title. The saturation is scaled so that a word of
 * the title alone counts 1; strengths are capped at 1.
 */
const FIELD_WEIGHT = { title: 1, phrasing: 1, keyword: 0.9, body: 0.12 } as const;
const FIELD_CAP = { phrasing: 3, keyword: 2, body: 8 } as const;
const K1 = 1.2;
const BODY_B = 0.6;
const COMPOUND_PART = 0.8;

export interface IndexedPhrase {
  terms: Int32Array;
  weight: number;
}

export interface IndexedDoc {
  article: Article;
  phrases: IndexedPhrase[];
}

export interface Posting {
  docs: Int32Array;
  strengths: Float32Array;
}

/** The search index over one set of articles; immutable once built, swapped whole on reload. */
export interface SearchIndex {
  docs: IndexedDoc[];
  terms: string[];
  idf: Float64Array;
  postings: Posting[];
  vocabulary: Vocabulary;
  topicCount: number;
  /**
   * The weight a question word the index does not know gets when the decision asks how much of the
   * question an article explains. It never enters the ranking: a word no article holds cannot tell
   * articles apart, and a long question with context must not drown its known words.
   */
  unknownWeight: number;
  /**
   * Each sample question, folded (`questionKey`), and its topic: a question typed exactly as an
   * article's sample question (a phrasing a specialist accepted, say) is that article's answer.
   */
  exactPhrasings: ReadonlyMap<string, string>;
  /** The same articles by character n-grams, per topic (`char-gram-index.ts`). */
  charGrams: CharGramIndex;
}

interface DocDraft {
  article: Article;
  strengths: Map<string, number>;
  phrases: string[][];
  /** Forms found in the title, sample questions or keywords. */
  topical: Set<string>;
}

/** A word found only in article bodies says less about what a question is about ("piisab", "tuli"). */
const BODY_ONLY_IDF = 0.5;

interface FieldCounts {
  title: Map<string, number>;
  phrasing: Map<string, number>;
  keyword: Map<string, number>;
  body: Map<string, number>;
  bodyLength: number;
}

function addStrength(strengths: Map<string, number>, form: string, strength: number): void {
  if (strength > (strengths.get(form) ?? 0)) strengths.set(form, strength);
}

function plainMarkdown(body: string): string {
  return body.replace(/\]\([^)]*\)/g, ']').replace(/[`*_#>|]/g, ' ');
}

/** Counts each form once per text (title, each sample question, each keyword) or per occurrence (body). */
function countInto(counts: Map<string, number>, forms: Iterable<string>): void {
  for (const form of forms) counts.set(form, (counts.get(form) ?? 0) + 1);
}

/** `words` collects each title, sample question and keyword's folded words for the n-gram index, which would otherwise analyse them again. */
function fieldCounts(article: Article, forms: Map<string, string>, phrases: string[][], words: Map<string, string[]>): FieldCounts {
  const analyse = (text: string, short = true): string[] => {
    const tokens = analyseText(text, article.lang);
    if (short) words.set(text, tokens.map((token) => token.surface));
    for (const token of tokens) {
      if (!forms.has(token.stem)) forms.set(token.stem, token.forms[0]);
      if (!forms.has(token.forms[0])) forms.set(token.forms[0], token.forms[0]);
    }
    return tokens.map((token) => token.forms[0]);
  };
  const counts: FieldCounts = { title: new Map(), phrasing: new Map(), keyword: new Map(), body: new Map(), bodyLength: 0 };
  // Keywords count as evidence but are no phrases: a lone keyword would look like a perfect match for any short question.
  for (const [texts, field, isPhrase] of [[[article.title], 'title', true], [article.phrasings, 'phrasing', true], [article.keywords, 'keyword', false]] as const) {
    for (const text of texts) {
      const unique = [...new Set(analyse(text))];
      countInto(counts[field], unique);
      if (isPhrase && unique.length > 0) phrases.push(unique);
    }
  }
  const body = analyse(plainMarkdown(article.body), false);
  countInto(counts.body, body);
  counts.bodyLength = body.length;
  return counts;
}

/** The BM25F strength of every form of one article, 0..1. */
function bm25fStrengths(counts: FieldCounts, averageBody: number): Map<string, number> {
  const strengths = new Map<string, number>();
  const bodyNorm = 1 - BODY_B + (BODY_B * counts.bodyLength) / Math.max(1, averageBody);
  const forms = new Set([...counts.title.keys(), ...counts.phrasing.keys(), ...counts.keyword.keys(), ...counts.body.keys()]);
  for (const form of forms) {
    const weighted = FIELD_WEIGHT.title * Math.min(1, counts.title.get(form) ?? 0)
      + FIELD_WEIGHT.phrasing * Math.min(FIELD_CAP.phrasing, counts.phrasing.get(form) ?? 0)
      + FIELD_WEIGHT.keyword * Math.min(FIELD_CAP.keyword, counts.keyword.get(form) ?? 0)
      + (FIELD_WEIGHT.body * Math.min(FIELD_CAP.body, counts.body.get(form) ?? 0)) / bodyNorm;
    strengths.set(form, Math.min(1, (weighted * (1 + K1)) / (K1 + weighted)));
  }
  return strengths;
}

function draftDocs(articles: readonly Article[], forms: Map<string, string>, words: Map<string, string[]>): DocDraft[] {
  const counted = articles.map((article) => {
    const phrases: string[][] = [];
    return { article, phrases, counts: fieldCounts(article, forms, phrases, words) };
  });
  const averageBody = counted.reduce((sum, doc) => sum + doc.counts.bodyLength, 0) / Math.max(1, counted.length);
  return counted.map(({ article, phrases, counts }) => ({
    article,
    phrases,
    strengths: bm25fStrengths(counts, averageBody),
    topical: new Set([...counts.title.keys(), ...counts.phrasing.keys(), ...counts.keyword.keys()]),
  }));
}

/** Compounds whose two parts are words of the base also count, a little less, for each part. */
function addCompoundParts(draft: DocDraft, known: ReadonlyMap<string, string>): void {
  const lang = draft.article.lang;
  for (const [form, strength] of [...draft.strengths]) {
    if (form.startsWith('~') || form.length < 8) continue;
    const split = splitCompound(form, (part) => known.has(indexForm(part, lang)));
    if (!split) continue;
    for (const part of split) addStrength(draft.strengths, indexForm(part, lang), strength * COMPOUND_PART);
  }
}

function inverseDocumentFrequency(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

interface Postings {
  terms: string[];
  termIds: Map<string, number>;
  lists: Array<{ docs: number[]; strengths: number[] }>;
}

/** Numbers the terms and lists, per term, the documents holding it and how strongly. */
function collectPostings(drafts: readonly DocDraft[]): Postings {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const lists: Postings['lists'] = [];
  drafts.forEach((draft, doc) => {
    for (const [term, strength] of draft.strengths) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = terms.length;
        termIds.set(term, id);
        terms.push(term);
        lists.push({ docs: [], strengths: [] });
      }
      lists[id].docs.push(doc);
      lists[id].strengths.push(strength);
    }
  });
  return { terms, termIds, lists };
}

/** Every form seen (stems, synonym members) pointing at the term it stands for. */
function vocabularyOf(forms: ReadonlyMap<string, string>, termIds: ReadonlyMap<string, number>): Vocabulary {
  const termOf = new Map<string, number>();
  for (const [form, term] of forms) if (termIds.has(term)) termOf.set(form, termIds.get(term) as number);
  for (const [form, term] of synonymForms()) if (termIds.has(term) && !termOf.has(form)) termOf.set(form, termIds.get(term) as number);
  return new Vocabulary(termOf);
}

/** Sample questions by their folded text; one that two topics share belongs to neither. */
function exactPhrasingsOf(articles: readonly Article[]): Map<string, string> {
  const topics = new Map<string, string>();
  const shared = new Set<string>();
  for (const article of articles) {
    for (const phrasing of article.phrasings) {
      const key = questionKey(phrasing);
      if (topics.has(key) && topics.get(key) !== article.topic) shared.add(key);
      else topics.set(key, article.topic);
    }
  }
  for (const key of shared) topics.delete(key);
  return topics;
}

/** Builds the index: a document per article, idf counted per topic (both languages of one topic count once). */
export function buildSearchIndex(articles: readonly Article[]): SearchIndex {
  const forms = new Map<string, string>();
  const words = new Map<string, string[]>();
  const drafts = draftDocs(articles, forms, words);
  for (const draft of drafts) addCompoundParts(draft, forms);
  const { terms, termIds, lists } = collectPostings(drafts);
  const topicOf = drafts.map((draft) => draft.article.topic);
  const topicCount = new Set(topicOf).size;
  const topical = new Set(drafts.flatMap((draft) => [...draft.topical]));
  const idf = Float64Array.from(lists, (list, term) => {
    const plain = inverseDocumentFrequency(new Set(list.docs.map((doc) => topicOf[doc])).size, topicCount);
    return topical.has(terms[term]) ? plain : plain * BODY_ONLY_IDF;
  });
  const docs = drafts.map((draft) => ({
    article: draft.article,
    phrases: draft.phrases.map((phrase) => {
      const ids = Int32Array.from(phrase.map((term) => termIds.get(term) as number));
      return { terms: ids, weight: ids.reduce((sum, id) => sum + idf[id], 0) };
    }),
  }));
  return {
    docs,
    terms,
    idf,
    postings: lists.map((list) => ({ docs: Int32Array.from(list.docs), strengths: Float32Array.from(list.strengths) })),
    vocabulary: vocabularyOf(forms, termIds),
    topicCount,
    // About the weight of a word found in a quarter of the topics.
    unknownWeight: inverseDocumentFrequency(Math.max(1, topicCount / 4), Math.max(topicCount, 3)),
    exactPhrasings: exactPhrasingsOf(articles),
    charGrams: buildCharGramIndex(articles, words),
  };
}
