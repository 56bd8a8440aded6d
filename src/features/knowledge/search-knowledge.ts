import type { ArticleSystem } from './article.js';
import { questionKey } from './clean-question.js';
import { confidence, TRAINED_SUGGEST_WEIGHTS, TRAINED_WEIGHTS, type DecisionParams, type TopFeatures } from './decision-model.js';
import { detectSystems } from './detect-systems.js';
import { mixCharGrams, type TopicScore } from './mix-char-grams.js';
import { namesOtherSystem } from './other-systems.js';
import { queryUnits, questionTokens, unitsOf } from './query-units.js';
import { scoreDocuments } from './score-documents.js';
import type { SearchIndex } from './search-index.js';
import { detectSmallTalk, type SmallTalk } from './small-talk.js';

export type Decision = 'answer' | 'suggest' | 'none';

export interface Thresholds {
  /** A confidence at or above this answers with one article. */
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
  /** Set when the message is small talk (decision `none`, no results): greetings, thanks, ... */
  smalltalk?: SmallTalk;
}

/** What the ranking found, before the decision: topics by score and the features the decision reads. */
export interface Ranking {
  systems: string[];
  smalltalk?: SmallTalk;
  topics: Array<{ id: string; score: number }>;
  features?: TopFeatures;
  /** Set when the question is typed exactly as a sample question of the top topic: it is answered. */
  exact?: boolean;
}

export const MAX_SUGGESTIONS = 3;
/** What is left of a message beside its small talk is a question when its known words weigh this much, or it names a system. */
const SMALL_TALK_CONTENT = 0.8;
/** The search reads at most this much of a message (Teams allows 28 KB): the work per message is bounded. */
export const MAX_SEARCH_CHARS = 2000;

/** A suggested article scores at least this share of the first one. */
const SUGGEST_SHARE = 0.5;

/** The articles to offer when not sure: up to three, none scoring below `SUGGEST_SHARE` of the first. */
export function suggestionsOf(outcome: Pick<SearchOutcome, 'results'> & Partial<SearchOutcome>): SearchResult[] {
  const top = outcome.results[0]?.score ?? 0;
  return outcome.results.slice(0, MAX_SUGGESTIONS).filter((result) => result.score >= top * SUGGEST_SHARE);
}

export function decide(results: SearchResult[], thresholds: Thresholds): Decision {
  const top = results[0]?.score ?? 0;
  if (top >= thresholds.answerThreshold) return 'answer';
  if (top >= thresholds.suggestThreshold) return 'suggest';
  return 'none';
}

/** Answer when the top topic is sure enough; else suggest when the right one is likely among the suggestions. */
export function decideTwo(topRight: number, shown: number, thresholds: Thresholds): Decision {
  if (topRight >= thresholds.answerThreshold) return 'answer';
  return shown >= thresholds.suggestThreshold ? 'suggest' : 'none';
}

/** A question that names one system only never gets an article about the other one. */
function systemAllows(named: string[], system: ArticleSystem): boolean {
  if (named.length !== 1 || system === 'general') return true;
  return named[0] === system;
}

/** Ranks topics for a question (its first `MAX_SEARCH_CHARS`); small talk is recognised first. */
export function rankTopics(index: SearchIndex, message: string): Ranking {
  const question = message.slice(0, MAX_SEARCH_CHARS);
  const systems = detectSystems(question);
  // "mul on STARiga jama" (trouble with STAR) is a question about a system, not an insult.
  const isContent = (rest: string): boolean => systems.length > 0 || queryUnits(index, rest).reduce((sum, unit) => sum + unit.weight, 0) >= SMALL_TALK_CONTENT;
  const smalltalk = detectSmallTalk(question, isContent);
  if (smalltalk) return { systems, smalltalk, topics: [] };
  const tokens = questionTokens(question);
  const units = unitsOf(index, tokens);
  const byTopic = new Map<string, TopicScore>();
  for (const scored of scoreDocuments(index, units)) {
    const { topic, system } = index.docs[scored.doc].article;
    if (!systemAllows(systems, system)) continue;
    if (scored.score > (byTopic.get(topic)?.words ?? -1)) byTopic.set(topic, { ...scored, words: scored.score, gram: 0, gramRecall: 0, system });
  }
  mixCharGrams(index, tokens.map((token) => token.surface), (system) => systemAllows(systems, system), byTopic);
  const ranked = [...byTopic].sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]));
  if (ranked.length === 0) return { systems, topics: [] };
  const best = ranked[0][1];
  const features: TopFeatures = {
    top: best.score,
    second: ranked[1]?.[1].score ?? 0,
    third: ranked[2]?.[1].score ?? 0,
    secondCoverage: ranked[1]?.[1].coverage ?? 0,
    coverage: best.coverage,
    similarity: best.similarity,
    recall: best.recall,
    knownWeight: units.reduce((sum, unit) => sum + unit.weight, 0),
    knownWords: units.filter((unit) => unit.weight > 0).length,
    unknownWords: units.reduce((sum, unit) => sum + unit.unknown, 0),
    namesSystem: systems.includes(best.system) ? 1 : 0,
    namesOther: systems.length === 0 && namesOtherSystem(question) ? 1 : 0,
    gramRecall: best.gramRecall,
  };
  const exact = index.exactPhrasings.get(questionKey(question)) === ranked[0][0];
  return { systems, topics: ranked.map(([id, { score }]) => ({ id, score })), features, ...(exact ? { exact } : {}) };
}

/** Turns a ranking into a decision: every score is scaled by the top topic's calibrated confidence. */
export function decideRanking(ranking: Ranking, params: DecisionParams, limit = 5): SearchOutcome {
  const { systems, smalltalk, features } = ranking;
  if (smalltalk) return { decision: 'none', results: [], systems, smalltalk };
  if (!features || features.top <= 0) return { decision: 'none', results: [], systems };
  const sure = ranking.exact ? 1 : confidence(features, params.weights);
  const factor = sure / features.top;
  const results = ranking.topics.slice(0, limit).map(({ id, score }) => ({ id, score: Math.round(score * factor * 1000) / 1000 }));
  if (!params.suggestWeights || ranking.exact) return { decision: decide(results, params), results, systems };
  const decision = decideTwo(sure, confidence(features, params.suggestWeights), params);
  return { decision, results, systems };
}

/** Ranks topics for a question and decides between answering, suggesting and saying "not found". */
export function searchKnowledge(index: SearchIndex, question: string, thresholds: Thresholds, limit = 5): SearchOutcome {
  return decideRanking(rankTopics(index, question), { ...thresholds, weights: TRAINED_WEIGHTS, suggestWeights: TRAINED_SUGGEST_WEIGHTS }, limit);
}
