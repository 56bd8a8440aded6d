/**
 * Which topics take each other's questions, on cross-validated decisions.
 *
 *   npx tsx bench/kb-confusion.ts FILE... [--cv 5] [--repeat 6] [--top 25] [--dir knowledge]
 *
 * Each question is decided with the parameters chosen without its fold (as `kb eval --cv`), over
 * `--repeat` shuffles. For every in-scope question that was not answered right, the pair it lost
 * to is counted: the topic ranked first when that is not the right one ("ranked above"), else the
 * runner-up that kept the lead narrow ("narrow lead": right first, but only suggested or refused).
 * Counts are per question, averaged over the shuffles. Out-of-scope questions that got an answer
 * are listed by the topic that answered them. This prints summaries of whatever files it is given:
 * do not run it on a set you must not look into (the shared style set). `--list N` also prints the
 * questions behind the first N pairs, with how often (of the shuffles) each was lost.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/shared/logger.js';
import { chooseParams, FOLD_SEED, foldOf } from '../src/features/knowledge/cross-validate.js';
import { parseQuestionFile, type EvalQuestion } from '../src/features/knowledge/evaluate-questions.js';
import { KnowledgeBase } from '../src/features/knowledge/knowledge-base.js';
import { decideRanking, type Ranking, type SearchOutcome } from '../src/features/knowledge/search-knowledge.js';

interface Loss {
  /** Right topic, the topic it lost to. */
  pair: [string, string];
  how: 'ranked above' | 'narrow lead';
  decision: SearchOutcome['decision'];
}

/** Out-of-fold outcomes for every question, one array per shuffle. */
function heldOutOutcomes(questions: readonly EvalQuestion[], rankings: readonly Ranking[], k: number, repeats: number): SearchOutcome[][] {
  const cases = questions.map((question, at) => ({ question, ranking: rankings[at] }));
  return Array.from({ length: repeats }, (_, repeat) => {
    const folds = foldOf(cases.length, k, FOLD_SEED + repeat);
    const outcomes: SearchOutcome[] = [];
    for (let fold = 0; fold < k; fold += 1) {
      const params = chooseParams(cases.filter((_, at) => folds[at] !== fold));
      cases.forEach((_, at) => { if (folds[at] === fold) outcomes[at] = decideRanking(rankings[at], params); });
    }
    return outcomes;
  });
}

function lossOf(question: EvalQuestion, ranking: Ranking, outcome: SearchOutcome): Loss | undefined {
  const expect = question.expect;
  if (expect === null) return undefined;
  const first = ranking.topics[0]?.id;
  if (outcome.decision === 'answer' && first === expect) return undefined;
  if (first !== undefined && first !== expect) return { pair: [expect, first], how: 'ranked above', decision: outcome.decision };
  const second = ranking.topics[1]?.id ?? '(nothing)';
  return { pair: [expect, second], how: 'narrow lead', decision: outcome.decision };
}

function table(title: string, counts: Map<string, number>, repeats: number, top: number): string {
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top);
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0) / repeats;
  return [`${title} (${total.toFixed(1)} questions per shuffle)`, ...rows.map(([key, count]) => `${(count / repeats).toFixed(1).padStart(6)}  ${key}`)].join('\n');
}

const bump = (counts: Map<string, number>, key: string): void => { counts.set(key, (counts.get(key) ?? 0) + 1); };

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { cv: { type: 'string', default: '5' }, repeat: { type: 'string', default: '6' }, top: { type: 'string', default: '25' }, list: { type: 'string', default: '0' }, dir: { type: 'string', default: 'knowledge' } },
  });
  if (positionals.length === 0) throw new Error('Usage: npx tsx bench/kb-confusion.ts FILE... [--cv 5] [--repeat 6] [--top 25] [--dir knowledge]');
  const questions = (await Promise.all(positionals.map(async (file) => parseQuestionFile(await readFile(file, 'utf8'))))).flat();
  const base = await KnowledgeBase.open({ dir: values.dir, logger: createLogger('warn', process.stderr), thresholds: { answerThreshold: 0.8, suggestThreshold: 0.5 }, pollIntervalMs: 0 });
  const rankings = questions.map((question) => base.rank(question.q));
  const repeats = Number(values.repeat);
  const passes = heldOutOutcomes(questions, rankings, Number(values.cv), repeats);
  const byPair = new Map<string, number>();
  const byWay = new Map<string, number>();
  const byTopic = new Map<string, number>();
  const byHow = new Map<string, number>();
  const questionsOf = new Map<string, Map<string, number>>();
  const outAnswered = new Map<string, number>();
  for (const outcomes of passes) {
    questions.forEach((question, at) => {
      const outcome = outcomes[at];
      if (question.expect === null) {
        if (outcome.decision === 'answer') bump(outAnswered, outcome.results[0]?.id ?? '?');
        return;
      }
      const loss = lossOf(question, rankings[at], outcome);
      if (!loss) return;
      const [right, other] = loss.pair;
      const pair = [right, other].sort().join(' <> ');
      bump(byPair, pair);
      const lost = questionsOf.get(pair) ?? new Map<string, number>();
      bump(lost, `${right} -> ${other}, ${loss.decision}: ${question.q}`);
      questionsOf.set(pair, lost);
      bump(byWay, `${right} -> ${other}   ${loss.how}, ${loss.decision}`);
      bump(byTopic, right);
      bump(byHow, `${loss.how}, ${loss.decision}`);
    });
  }
  const top = Number(values.top);
  console.log(`${positionals.join(' + ')}: ${questions.length} questions; ${values.cv}-fold cross-validated decisions over ${repeats} shuffles\n`);
  console.log(`${table('In-scope questions not answered right, by how', byHow, repeats, top)}\n`);
  console.log(table('In-scope questions not answered right, by topic pair (either direction)', byPair, repeats, top));
  console.log(`\n${table('By direction: right topic -> the topic it lost to, how, and the decision', byWay, repeats, top)}`);
  console.log(`\n${table('By right topic', byTopic, repeats, top)}`);
  const pairs = [...byPair].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, Number(values.list));
  for (const [pair] of pairs) {
    console.log(`\n${pair}:`);
    for (const [line, count] of questionsOf.get(pair) ?? []) console.log(`  ${count}/${repeats}  ${line}`);
  }
  console.log(`\n${table('Out-of-scope questions answered, by the topic that answered', outAnswered, repeats, top)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
