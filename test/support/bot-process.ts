import { readFileSync } from 'node:fs';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * How long a spawned bot may take to start listening. Start-up (tsx compiling the sources, loading
 * botbuilder) took over 15 s with a load average of 18 on the shared CI machine, so start-up gets a
 * generous wait of its own; what a test asserts after start-up keeps its own short budget. A real
 * hang still fails, with the process's output, once this runs out. TUGIBOT_TEST_STARTUP_MS overrides.
 */
export const STARTUP_MS = Number(process.env.TUGIBOT_TEST_STARTUP_MS ?? 90_000);

/**
 * The Node flags production starts the bot with: those before `dist/main.js` in package.json's
 * `start` script (one source of truth, so a test that measures the process measures what runs).
 */
export function productionNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * Resolves with the port once the bot logs "listening on port N"; rejects (with its output) when it
 * exits first or does not listen within STARTUP_MS. `onLine` sees every line of its output.
 */
export function listeningPort(child: ChildProcessWithoutNullStreams, onLine: (line: string) => void = () => {}): Promise<number> {
  let output = '';
  let pending = '';
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The bot did not listen within ${STARTUP_MS} ms:\n${output.slice(-4000)}`)), STARTUP_MS);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        onLine(line);
        const match = /listening on port (\d+)/.exec(line);
        if (match) { clearTimeout(timer); resolve(Number(match[1])); }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`The bot exited (${code}) before listening:\n${output.slice(-4000)}`)); });
  });
}
