import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs a TypeScript file in a real Node process (tsx as a loader, so the pid is the script's own
 * and a kill reaches it, not a wrapper). `nodeFlags` go to Node itself (see productionNodeFlags).
 */
export function spawnTs(file: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env, nodeFlags: string[] = []): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...nodeFlags, '--import', 'tsx', join(process.cwd(), file), ...args], { env, cwd: process.cwd() });
}

/** Collects a child's standard output until it exits. */
export async function outputOf(child: ChildProcessWithoutNullStreams): Promise<string> {
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  await new Promise((resolve) => child.on('exit', resolve));
  return output;
}
