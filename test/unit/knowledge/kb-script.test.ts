import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_KB } from './knowledge-test-kit.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Run by this test's own Node (process.execPath), not whichever `node` is first on PATH.
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function kb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSX, 'scripts/kb.ts', ...args], { cwd: ROOT, env: { ...process.env, KNOWLEDGE_DIR: FIXTURE_KB, LOG_LEVEL: 'silent' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-script-'));
  await writeFile(join(dir, 'questions.jsonl'), '{"q": "unustasin STARi parooli", "expect": "star-parool"}\n{"q": "mis ilm on", "expect": null}\n');
  await writeFile(join(dir, 'more.jsonl'), '{"q": "kuidas STARi parooli vahetada", "expect": "star-parool"}\n');
  await writeFile(join(dir, 'star-katki.md'), '---\nid: star-katki\ntitle: Katki\nsystem: MARS\n---\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run kb', () => {
  it('eval --json writes exactly one JSON line per question, lint fails on problems, ask answers', async () => {
    const [evaluated, plain, linted, asked] = await Promise.all([
      kb('eval', join(dir, 'questions.jsonl'), '--json'),
      kb('eval', join(dir, 'questions.jsonl')),
      kb('lint', '--dir', dir),
      kb('ask', 'unustasin STARi parooli', '--json'),
    ]);
    expect(evaluated.code).toBe(0);
    const lines = evaluated.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line).slice(0, 3)).toEqual(['q', 'decision', 'results']);
      if (line.smalltalk !== undefined) expect(line).toMatchObject({ decision: 'none', results: [], smalltalk: true });
      for (const result of line.results as Array<Record<string, unknown>>) expect(Object.keys(result)).toEqual(['id', 'score']);
    }
    expect(lines[0]).toMatchObject({ q: 'unustasin STARi parooli', decision: 'answer', shown: ['star-parool'] });
    expect((lines[0].results as Array<{ id: string }>)[0].id).toBe('star-parool');
    expect(lines[1]).toMatchObject({ q: 'mis ilm on', decision: 'none', shown: [] });
    expect(evaluated.stderr).toContain('baseline');

    expect(plain.stdout).toMatch(/top-1 \(answered with the right article\)\s+1\.000/);
    expect(plain.stdout).toContain('baseline');

    expect(linted.code).toBe(1);
    expect(linted.stdout).toContain('star-katki.md');
    expect(linted.stdout).toContain('system: must be one of SKAIS, STAR, general');

    const answer = JSON.parse(asked.stdout) as { decision: string; results: Array<{ id: string }> };
    expect(answer.decision).toBe('answer');
    expect(answer.results[0].id).toBe('star-parool');
  }, 60_000); // four tsx processes start; the answers themselves take milliseconds

  it('eval reads several question files as one set', async () => {
    const both = await kb('eval', join(dir, 'questions.jsonl'), join(dir, 'more.jsonl'));
    expect(both.code).toBe(0);
    expect(both.stdout).toContain(`${join(dir, 'questions.jsonl')} + ${join(dir, 'more.jsonl')}: 3 questions, 2 in scope, 1 out of scope`);
  }, 60_000);
});
