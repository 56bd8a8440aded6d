import Fuse from 'fuse.js';
import type { Article } from './article.js';
import type { Answered } from './evaluate-questions.js';

/**
 * The comparison point: plain fuse.js over whole articles (title and body) with its default
 * options (which drop matches worse than its threshold of 0.6), answering with its best match and
 * refusing when it finds none, as a plain fuse.js bot would. Results are topics: an English
 * article counts as its Estonian topic.
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
    return { decision: results.length > 0 ? 'answer' : 'none', results };
  };
}
