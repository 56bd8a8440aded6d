/**
 * Why a question ranks as it does: its words (weight, unknown share) and, for the best articles,
 * coverage, phrase match and how strongly each word is found there.
 *
 *   npx tsx bench/kb-explain.ts "question" [--dir knowledge] [--top 4]
 */
import { parseArgs } from 'node:util';
import { detectSystems } from '../src/features/knowledge/detect-systems.js';
import { loadArticles } from '../src/features/knowledge/load-articles.js';
import { queryUnits, type QueryUnit } from '../src/features/knowledge/query-units.js';
import { scoreDocuments } from '../src/features/knowledge/score-documents.js';
import { buildSearchIndex, type SearchIndex } from '../src/features/knowledge/search-index.js';

function strengthIn(index: SearchIndex, unit: QueryUnit, doc: number): number {
  if (unit.parts) {
    const total = unit.parts.reduce((sum, part) => sum + part.weight, 0) || 1;
    const found = unit.parts.reduce((sum, part) => sum + (part.weight * strengthIn(index, part, doc)) / total, 0);
    return 0.9 * found * found;
  }
  let best = 0;
  for (const { term, quality } of unit.matches) {
    const { docs, strengths } = index.postings[term];
    const at = docs.indexOf(doc);
    if (at >= 0) best = Math.max(best, quality * strengths[at]);
  }
  return best;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string', default: 'knowledge' }, top: { type: 'string', default: '4' } } });
  const question = positionals.join(' ');
  const loaded = await loadArticles(values.dir);
  const index = buildSearchIndex(loaded.articles);
  const units = queryUnits(index, question);
  console.log(units.map((unit) => `${unit.surface}=${unit.weight.toFixed(2)}${unit.unknown ? `(unknown ${unit.unknown})` : ''}`).join('  '));
  const systems = detectSystems(question);
  // As the ranking: a question that names one system only never gets the other system's article.
  const allowed = (system: string): boolean => systems.length !== 1 || system === 'general' || system === systems[0];
  for (const scored of scoreDocuments(index, units).filter((scored) => allowed(index.docs[scored.doc].article.system)).sort((a, b) => b.score - a.score).slice(0, Number(values.top))) {
    const { id } = index.docs[scored.doc].article;
    console.log(`${scored.score.toFixed(3)} ${id.padEnd(36)} coverage ${scored.coverage.toFixed(2)} similarity ${scored.similarity.toFixed(2)} recall ${scored.recall.toFixed(2)}`);
    console.log(`      ${units.filter((unit) => unit.weight > 0).map((unit) => `${unit.surface}:${strengthIn(index, unit, scored.doc).toFixed(2)}`).join('  ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
