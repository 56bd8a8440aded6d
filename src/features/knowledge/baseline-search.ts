import Fuse from 'fuse.js';
import type { Article } from './article.js';
import type { Answered } from './evaluate-questions.js';

/** The baseline answers when its top result scores above this (as 1 - fuse score). */
export const BASELINE_ANSWER_ABOVE = 0.5;

/**
 * The comparison point: plain fuse.js over whole articles (title and body) with its default
 * options, answering when the best score beats 0.5 and refusing otherwise. Results are topics.
 */
export function buildBaseline(articles: readonly Article[]): (question: string) => Answered {
  const fuse = new Fuse(articles, { keys: ['title', 'body'], includeScore: true });
  return (question) => {
    const seen = new Set<string>();
    const results = [];
    for (const hit of fuse.search(question)) {
      if (seen.has(hit.item.topic)) continue;
      seen.add(hit.item.topic);
      results.push({ id: hit.item.topic, score: Math.round((1 - (hit.score ?? 1)) * 1000) / 1000 });
      if (results.length === 5) break;
    }
    return { decision: (results[0]?.score ?? 0) > BASELINE_ANSWER_ABOVE ? 'answer' : 'none', results };
  };
}
