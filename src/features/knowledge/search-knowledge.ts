import { detectSystems } from './detect-systems.js';
import { queryUnits } from './query-units.js';
import { scoreDocuments } from './score-documents.js';
import type { SearchIndex } from './search-index.js';

export type Decision = 'answer' | 'suggest' | 'none';

export interface Thresholds {
  /** A top score at or above this answers with one article. */
  answerThreshold: number;
  /** At or above this (and below the answer threshold) up to three articles are suggested. */
  suggestThreshold: number;
}

/** A topic id (an English article reports its Estonian topic) and its confidence, 0..1. */
export interface SearchResult {
  id: string;
  score: number;
}

export interface SearchOutcome {
  decision: Decision;
  results: SearchResult[];
  /** The systems the question names, e.g. ['STAR']. */
  systems: string[];
}

export const MAX_SUGGESTIONS = 3;
/** Within this share of the top score, the second topic makes the top one less certain. */
const CLOSE_MARGIN = 0.2;
const TIE_FACTOR = 0.5;

/**
 * Less confidence when the runner-up is close: the top score times 0.5..1 by its lead over the
 * second (full confidence from a 20 % lead), so two topics that tie score at most half.
 */
export function calibrate(top: number, second: number): number {
  if (top <= 0) return 0;
  const margin = Math.min(1, (top - second) / top / CLOSE_MARGIN);
  return top * (TIE_FACTOR + (1 - TIE_FACTOR) * margin);
}

/** The articles to offer when not sure: up to three, none scoring below half of the first. */
export function suggestionsOf(outcome: SearchOutcome): SearchResult[] {
  const top = outcome.results[0]?.score ?? 0;
  return outcome.results.slice(0, MAX_SUGGESTIONS).filter((result) => result.score >= top / 2);
}

export function decide(results: SearchResult[], thresholds: Thresholds): Decision {
  const top = results[0]?.score ?? 0;
  if (top >= thresholds.answerThreshold) return 'answer';
  if (top >= thresholds.suggestThreshold) return 'suggest';
  return 'none';
}

/** Ranks topics for a question and decides between answering, suggesting and saying "not found". */
export function searchKnowledge(index: SearchIndex, question: string, thresholds: Thresholds, limit = 5): SearchOutcome {
  const systems = detectSystems(question);
  const byTopic = new Map<string, number>();
  for (const scored of scoreDocuments(index, queryUnits(index, question))) {
    const topic = index.docs[scored.doc].article.topic;
    byTopic.set(topic, Math.max(byTopic.get(topic) ?? 0, scored.score));
  }
  const ranked = [...byTopic].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (ranked.length === 0) return { decision: 'none', results: [], systems };
  const top = ranked[0][1];
  const factor = calibrate(top, ranked[1]?.[1] ?? 0) / top;
  const results = ranked.slice(0, limit).map(([id, score]) => ({ id, score: Math.round(score * factor * 1000) / 1000 }));
  return { decision: decide(results, thresholds), results, systems };
}
