import type { Article } from './article.js';
import { analyseText, indexForm, synonymForms, type Token } from './analyse-text.js';
import { splitCompound } from './compound-split.js';
import { Vocabulary } from './vocabulary.js';

/** How much a term found in a field says about the article (title and sample questions most). */
const FIELD_STRENGTH = { title: 1, phrasing: 1, keyword: 0.9, body: 0.45, bodyPerRepeat: 0.1, bodyMax: 0.75, compoundPart: 0.8 } as const;

/** A title or sample question of an article: the terms it holds and their summed weight. */
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
  /** The weight of a question word the index does not know at all. */
  unknownWeight: number;
}

interface DocDraft {
  article: Article;
  strengths: Map<string, number>;
  phrases: string[][];
}

function addStrength(strengths: Map<string, number>, form: string, strength: number): void {
  if (strength > (strengths.get(form) ?? 0)) strengths.set(form, strength);
}

function plainMarkdown(body: string): string {
  return body.replace(/\]\([^)]*\)/g, ']').replace(/[`*_#>|]/g, ' ');
}

function draftDoc(article: Article, forms: Map<string, string>): DocDraft {
  const strengths = new Map<string, number>();
  const phrases: string[][] = [];
  const analyse = (text: string): Token[] => {
    const tokens = analyseText(text, article.lang);
    for (const token of tokens) {
      if (!forms.has(token.stem)) forms.set(token.stem, token.forms[0]);
      if (!forms.has(token.forms[0])) forms.set(token.forms[0], token.forms[0]);
    }
    return tokens;
  };
  // Keywords count for coverage but are no phrases: a lone keyword would look like a perfect match for any short question.
  const fielded: Array<[string[], number, boolean]> = [
    [[article.title], FIELD_STRENGTH.title, true],
    [article.phrasings, FIELD_STRENGTH.phrasing, true],
    [article.keywords, FIELD_STRENGTH.keyword, false],
  ];
  for (const [texts, strength, isPhrase] of fielded) {
    for (const text of texts) {
      const tokens = analyse(text);
      for (const token of tokens) addStrength(strengths, token.forms[0], strength);
      if (isPhrase && tokens.length > 0) phrases.push([...new Set(tokens.map((token) => token.forms[0]))]);
    }
  }
  const counts = new Map<string, number>();
  for (const token of analyse(plainMarkdown(article.body))) counts.set(token.forms[0], (counts.get(token.forms[0]) ?? 0) + 1);
  for (const [form, count] of counts) {
    addStrength(strengths, form, Math.min(FIELD_STRENGTH.bodyMax, FIELD_STRENGTH.body + FIELD_STRENGTH.bodyPerRepeat * (count - 1)));
  }
  return { article, strengths, phrases };
}

/** Compounds whose two parts are words of the base also count, a little less, for each part. */
function addCompoundParts(draft: DocDraft, known: ReadonlyMap<string, string>): void {
  const lang = draft.article.lang;
  for (const [form, strength] of [...draft.strengths]) {
    if (form.startsWith('~') || form.length < 8) continue;
    const split = splitCompound(form, (part) => known.has(indexForm(part, lang)));
    if (!split) continue;
    for (const part of split) addStrength(draft.strengths, indexForm(part, lang), strength * FIELD_STRENGTH.compoundPart);
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

/** Builds the index: a document per article, idf counted per topic (both languages of one topic count once). */
export function buildSearchIndex(articles: readonly Article[]): SearchIndex {
  const forms = new Map<string, string>();
  const drafts = articles.map((article) => draftDoc(article, forms));
  for (const draft of drafts) addCompoundParts(draft, forms);
  const { terms, termIds, lists } = collectPostings(drafts);
  const topicOf = drafts.map((draft) => draft.article.topic);
  const topicCount = new Set(topicOf).size;
  const idf = Float64Array.from(lists, (list) => inverseDocumentFrequency(new Set(list.docs.map((doc) => topicOf[doc])).size, topicCount));
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
    // A word no article holds is taken as more specific than any word the base knows.
    unknownWeight: inverseDocumentFrequency(0, Math.max(topicCount, 3)),
  };
}
