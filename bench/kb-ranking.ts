/**
 * How often the right topic ranks first / among the first three, before any decision:
 *
 *   npx tsx bench/kb-ranking.ts [--share 0,0.2,0.3] [--style] [--sets N] [--dir knowledge]
 *
 * Prints, per n-gram share (`CHAR_GRAM_MIX.gramShare`, search-knowledge.ts), the in-scope questions
 * of the own tuning sets (bench/kb-sets.ts; `--sets N`: the first N) ranked right first and in the first three. `--style` adds the same two figures
 * for the shared style set, as one summary line per share (never its questions).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/shared/logger.js';
import { parseQuestionFile, type EvalQuestion } from '../src/features/knowledge/evaluate-questions.js';
import { KnowledgeBase } from '../src/features/knowledge/knowledge-base.js';
import { CHAR_GRAM_TUNING } from '../src/features/knowledge/char-gram-index.js';
import { CHAR_GRAM_MIX } from '../src/features/knowledge/mix-char-grams.js';
import { tuningSets } from './kb-sets.js';

const STYLE = '../shared/eval/kb-questions.style.jsonl';

const read = async (file: string): Promise<EvalQuestion[]> => parseQuestionFile(await readFile(file, 'utf8'));

function rates(base: KnowledgeBase, questions: readonly EvalQuestion[]): string {
  const inScope = questions.filter((question) => question.expect !== null);
  let first = 0;
  let three = 0;
  for (const question of inScope) {
    const at = base.rank(question.q).topics.findIndex((topic) => topic.id === question.expect);
    if (at === 0) first += 1;
    if (at >= 0 && at < 3) three += 1;
  }
  return `top-1 ${(first / inScope.length).toFixed(3)}  top-3 ${(three / inScope.length).toFixed(3)}  (${inScope.length} in scope)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { share: { type: 'string', default: String(CHAR_GRAM_MIX.gramShare) }, style: { type: 'boolean', default: false }, sets: { type: 'string' }, body: { type: 'string' }, sizes: { type: 'string' }, recall: { type: 'string' }, dir: { type: 'string', default: 'knowledge' } } });
  if (values.body !== undefined) CHAR_GRAM_TUNING.bodyWeight = Number(values.body);
  if (values.sizes !== undefined) CHAR_GRAM_TUNING.sizes = values.sizes.split(',').map(Number);
  if (values.recall !== undefined) CHAR_GRAM_MIX.recallShare = Number(values.recall);
  const base = await KnowledgeBase.open({ dir: values.dir, logger: createLogger('warn', process.stderr), thresholds: { answerThreshold: 0.8, suggestThreshold: 0.5 }, pollIntervalMs: 0 });
  const own = (await Promise.all(tuningSets(values.sets).map(read))).flat();
  const style = values.style ? await read(STYLE) : [];
  for (const share of values.share.split(',').map(Number)) {
    CHAR_GRAM_MIX.gramShare = share;
    console.log(`share ${share.toFixed(2)}  own ${rates(base, own)}${values.style ? `   style ${rates(base, style)}` : ''}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
