import type { Article } from '../src/features/knowledge/article.js';
import { seededRandom } from '../test/support/seeded-random.js';

const words = (text: string): string[] => text.split(/[^\p{L}\p{N}-]+/u).filter((word) => word.length > 1);

interface Pools {
  title: string[];
  phrasing: string[];
  keyword: string[];
  body: string[];
}

/** Word streams of the real articles per field and language; sampling them keeps real word frequencies. */
function poolsOf(articles: readonly Article[], lang: 'et' | 'en'): Pools {
  const own = articles.filter((article) => article.lang === lang);
  return {
    title: own.flatMap((article) => words(article.title)),
    phrasing: own.flatMap((article) => article.phrasings.flatMap(words)),
    keyword: own.flatMap((article) => article.keywords),
    body: own.flatMap((article) => words(article.body)),
  };
}

/**
 * `count` synthetic articles made of the real base's vocabulary: seven in ten Estonian, the rest
 * English translations of them, with titles, sample questions, keywords and bodies of realistic
 * length drawn from the real articles' words.
 */
export function syntheticArticles(real: readonly Article[], count: number, seed = 42): Article[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const sentence = (pool: readonly string[], low: number, high: number) => Array.from({ length: between(low, high) }, () => pick(pool)).join(' ');
  const pools = { et: poolsOf(real, 'et'), en: poolsOf(real, 'en') };
  const estonian = Math.round(count * 0.7);
  return Array.from({ length: count }, (_, n) => {
    const lang = n < estonian ? 'et' : 'en';
    const pool = pools[lang].body.length > 0 ? pools[lang] : pools.et;
    const topic = `synth-${String(lang === 'et' ? n : n - estonian).padStart(5, '0')}`;
    const template = pick(real);
    return {
      id: lang === 'et' ? topic : `${topic}-en`,
      topic,
      title: sentence(pool.title, 3, 8),
      system: template.system,
      lang,
      phrasings: Array.from({ length: between(4, 8) }, () => sentence(pool.phrasing, 4, 10)),
      keywords: Array.from({ length: between(6, 14) }, () => pick(pool.keyword)),
      updated: '2026-11-26',
      owner: 'bench',
      sources: template.sources,
      links: [],
      translationOf: lang === 'en' ? topic : undefined,
      body: Array.from({ length: between(3, 6) }, () => sentence(pool.body, 25, 60)).join('\n\n'),
      file: `${lang === 'en' ? 'en/' : ''}${topic}.md`,
    };
  });
}
