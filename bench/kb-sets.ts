import { fileURLToPath } from 'node:url';

/**
 * The own question sets the decision is fitted and judged on (the tuning sets), in the order they
 * were written (test/fixtures/kb-eval/README.md). A set written to be held out joins this list
 * only after its held-out figures are reported; until then only the lead runs it, by name.
 * Absolute paths, so benches and tests read the same files from wherever they run.
 */
export const TUNING_SETS: readonly string[] = ['own-questions.jsonl', 'own-questions-2.jsonl', 'own-questions-3.jsonl', 'own-questions-4.jsonl']
  .map((name) => fileURLToPath(new URL(`../test/fixtures/kb-eval/${name}`, import.meta.url)));

/** The first `count` tuning sets (`--sets N` of the benches; all when undefined). */
export function tuningSets(count?: string): readonly string[] {
  if (count === undefined) return TUNING_SETS;
  const wanted = Number(count);
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > TUNING_SETS.length) throw new Error(`--sets takes 1 to ${TUNING_SETS.length}, not ${count}`);
  return TUNING_SETS.slice(0, wanted);
}
