import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DecisionParams } from '../src/features/knowledge/decision-model.js';

/**
 * Writes a refit where the bot reads it: the weights and thresholds in decision-weights.ts, and
 * the same two thresholds as the defaults of KB_ANSWER_THRESHOLD and KB_SUGGEST_THRESHOLD in
 * src/config.ts and .env.example (a config test pins the two together). Copying the printed
 * numbers by hand into three files was a step where one of them could be missed.
 */
const round = (values: readonly number[]): string => values.map((value) => Math.round(value * 1000) / 1000).join(', ');

/** Replaces exactly one match of `pattern` in `text`; a file whose shape changed is an error, not a silent no-op. */
function replaceOnce(text: string, pattern: RegExp, replacement: string, file: string): string {
  const found = text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  if (found !== 1) throw new Error(`${file}: expected one ${pattern.source}, found ${found}`);
  return text.replace(pattern, replacement);
}

async function edited(root: string, file: string, edits: Array<[RegExp, string]>): Promise<[string, string]> {
  const path = join(root, file);
  let text = await readFile(path, 'utf8');
  for (const [pattern, replacement] of edits) text = replaceOnce(text, pattern, replacement, file);
  return [path, text];
}

/** All three files are edited in memory first: when one cannot be, none is written. */
export async function writeDecisionParams(root: string, params: DecisionParams): Promise<void> {
  const { answerThreshold: answer, suggestThreshold: suggest } = params;
  const files = [await edited(root, 'src/features/knowledge/decision-weights.ts', [
    [/(TRAINED_WEIGHTS: readonly number\[\] = \[\n {2})[^\n]*(,\n\];)/, `$1${round(params.weights)}$2`],
    [/(TRAINED_SUGGEST_WEIGHTS: readonly number\[\] = \[\n {2})[^\n]*(,\n\];)/, `$1${round(params.suggestWeights ?? [])}$2`],
    [/answerThreshold: [\d.]+, suggestThreshold: [\d.]+/, `answerThreshold: ${answer}, suggestThreshold: ${suggest}`],
  ]), await edited(root, 'src/config.ts', [
    [/KB_ANSWER_THRESHOLD: fraction\([\d.]+\)/, `KB_ANSWER_THRESHOLD: fraction(${answer})`],
    [/KB_SUGGEST_THRESHOLD: fraction\([\d.]+\)/, `KB_SUGGEST_THRESHOLD: fraction(${suggest})`],
  ]), await edited(root, '.env.example', [
    [/KB_ANSWER_THRESHOLD=[\d.]+/, `KB_ANSWER_THRESHOLD=${answer}`],
    [/KB_SUGGEST_THRESHOLD=[\d.]+/, `KB_SUGGEST_THRESHOLD=${suggest}`],
  ])];
  for (const [path, text] of files) await writeFile(path, text);
}
