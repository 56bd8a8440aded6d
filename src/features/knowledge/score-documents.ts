import type { QueryUnit } from './query-units.js';
import type { IndexedPhrase, SearchIndex } from './search-index.js';

/**
 * A compound met through its parts counts a little less than the whole word, and a compound only
 * half of which an article holds counts little: the weighted share of parts found is squared
 * (puhkuse|avaldus in an article about holidays alone is weak evidence).
 */
const PART_FACTOR = 0.9;
const CANDIDATES = 40;
const COVERAGE_SHARE = 0.5;
const RECALL_SHARE = 0.5;
/** An article that holds less than this share of the question answers only part of it. */
const FULL_COVERAGE = 0.4;

/** Half coverage, half phrase match (Dice and the share of a phrase held), scaled down when the article holds little of the question. */
export function combineScore(coverage: number, similarity: number, recall = similarity): number {
  const mixed = COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * (RECALL_SHARE * recall + (1 - RECALL_SHARE) * similarity);
  return mixed * Math.min(1, coverage / FULL_COVERAGE);
}

/** Per document, how strongly a unit is found there (0..1): its best match times the field's strength. */
function unitStrengths(index: SearchIndex, unit: QueryUnit): Float32Array {
  const strengths = new Float32Array(index.docs.length);
  if (unit.parts) {
    const total = unit.parts.reduce((sum, part) => sum + part.weight, 0);
    for (const part of unit.parts) {
      const partStrengths = unitStrengths(index, part);
      for (let doc = 0; doc < strengths.length; doc += 1) strengths[doc] += (part.weight * partStrengths[doc]) / total;
    }
    for (let doc = 0; doc < strengths.length; doc += 1) strengths[doc] = PART_FACTOR * strengths[doc] * strengths[doc];
    return strengths;
  }
  for (const { term, quality } of unit.matches) {
    const { docs, strengths: found } = index.postings[term];
    for (let i = 0; i < docs.length; i += 1) {
      const value = quality * found[i];
      if (value > strengths[docs[i]]) strengths[docs[i]] = value;
    }
  }
  return strengths;
}

function unitInPhrase(unit: QueryUnit, phrase: IndexedPhrase): number {
  if (unit.parts) {
    const total = unit.parts.reduce((sum, part) => sum + part.weight, 0);
    const found = unit.parts.reduce((sum, part) => sum + (part.weight * unitInPhrase(part, phrase)) / total, 0);
    return PART_FACTOR * found * found;
  }
  let best = 0;
  for (const { term, quality } of unit.matches) if (quality > best && phrase.terms.includes(term)) best = quality;
  return best;
}

/**
 * Dice overlap of the question with the article's closest title or sample question, and the best
 * share of one such phrase that the question holds (a long question with context holds all of a
 * short sample question while overlapping it little).
 */
function phraseSimilarity(units: QueryUnit[], totalWeight: number, phrases: IndexedPhrase[]): { similarity: number; recall: number } {
  let best = 0;
  let recall = 0;
  for (const phrase of phrases) {
    let shared = 0;
    for (const unit of units) shared += unit.weight * unitInPhrase(unit, phrase);
    best = Math.max(best, (2 * shared) / (totalWeight + phrase.weight));
    if (phrase.weight > 0) recall = Math.max(recall, shared / phrase.weight);
  }
  return { similarity: Math.min(1, best), recall: Math.min(1, recall) };
}

/** The `count` highest entries of `values` among `docs`, best first. */
function topDocs(docs: number[], values: Float64Array, count: number): number[] {
  const top: number[] = [];
  for (const doc of docs) {
    if (top.length === count && values[doc] <= values[top[count - 1]]) continue;
    let at = top.length < count ? top.length : count - 1;
    top[at] = doc;
    while (at > 0 && values[top[at - 1]] < values[doc]) {
      top[at] = top[at - 1];
      at -= 1;
      top[at] = doc;
    }
  }
  return top;
}

export interface DocScore {
  doc: number;
  /** The share of the question's weight the article holds, by field strength (0..1). */
  coverage: number;
  /** Dice overlap with the closest phrase of the article (0..1). */
  similarity: number;
  /** The largest share of one of the article's phrases that the question holds (0..1). */
  recall: number;
  score: number;
}

/**
 * Scores the articles that share a word with the question: weighted coverage of the question
 * (title, sample questions and keywords count fully, the body less) and similarity with the
 * closest title or sample question. Only the best `CANDIDATES` by coverage are compared phrase by phrase.
 */
export function scoreDocuments(index: SearchIndex, units: QueryUnit[]): DocScore[] {
  const totalWeight = units.reduce((sum, unit) => sum + unit.weight, 0);
  if (totalWeight === 0) return [];
  const coverage = new Float64Array(index.docs.length);
  const touched = new Uint8Array(index.docs.length);
  const docs: number[] = [];
  for (const unit of units) {
    const strengths = unitStrengths(index, unit);
    const share = unit.weight / totalWeight;
    for (let doc = 0; doc < strengths.length; doc += 1) {
      if (strengths[doc] === 0) continue;
      coverage[doc] += share * strengths[doc];
      if (!touched[doc]) {
        touched[doc] = 1;
        docs.push(doc);
      }
    }
  }
  return topDocs(docs, coverage, CANDIDATES).map((doc) => {
    const { similarity, recall } = phraseSimilarity(units, totalWeight, index.docs[doc].phrases);
    return { doc, coverage: coverage[doc], similarity, recall, score: combineScore(coverage[doc], similarity, recall) };
  });
}
