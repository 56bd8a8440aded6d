import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDecisionParams } from '../../../bench/write-decision-weights.js';
import { FEATURE_NAMES } from '../../../src/features/knowledge/decision-model.js';

/** kb-judge --write puts a refit into the three files the bot reads it from, on copies of the real ones. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = ['src/features/knowledge/decision-weights.ts', 'src/config.ts', '.env.example'];

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tugibot-weights-'));
  for (const file of FILES) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await cp(join(ROOT, file), join(root, file));
  }
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeDecisionParams', () => {
  it('writes the weights and both thresholds into decision-weights.ts, the config defaults and .env.example', async () => {
    const weights = FEATURE_NAMES.map((_, at) => at / 10 - 0.5);
    const suggestWeights = FEATURE_NAMES.map((_, at) => 0.123456 * at);
    await writeDecisionParams(root, { answerThreshold: 0.812, suggestThreshold: 0.567, weights, suggestWeights });
    const [decision, config, example] = await Promise.all(FILES.map((file) => readFile(join(root, file), 'utf8')));
    expect(decision).toContain(`TRAINED_WEIGHTS: readonly number[] = [\n  ${weights.map((value) => Math.round(value * 1000) / 1000).join(', ')},\n];`);
    expect(decision).toContain(`TRAINED_SUGGEST_WEIGHTS: readonly number[] = [\n  ${suggestWeights.map((value) => Math.round(value * 1000) / 1000).join(', ')},\n];`);
    expect(decision).toContain('answerThreshold: 0.812, suggestThreshold: 0.567');
    expect(config).toContain('KB_ANSWER_THRESHOLD: fraction(0.812)');
    expect(config).toContain('KB_SUGGEST_THRESHOLD: fraction(0.567)');
    expect(example).toMatch(/^KB_ANSWER_THRESHOLD=0\.812$/m);
    expect(example).toMatch(/^KB_SUGGEST_THRESHOLD=0\.567$/m);
  });

  it('refuses a file whose shape it does not know, and then writes none of the three', async () => {
    await writeFile(join(root, '.env.example'), 'PORT=3978\n');
    const before = await readFile(join(root, FILES[0]), 'utf8');
    await expect(writeDecisionParams(root, { answerThreshold: 0.8, suggestThreshold: 0.6, weights: [1], suggestWeights: [1] })).rejects.toThrow(/\.env\.example: expected one KB_ANSWER_THRESHOLD/);
    expect(await readFile(join(root, FILES[0]), 'utf8')).toBe(before);
  });
});
