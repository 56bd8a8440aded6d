import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { listeningPort } from './bot-process.js';
import { spawnTs } from './spawn-ts.js';

/** A bot process (src/main.ts) with a data folder of its own, as one replica behind a load balancer. */
export interface BotReplica {
  child: ChildProcessWithoutNullStreams;
  dataDir: string;
  url: string;
}

/**
 * Starts src/main.ts in development mode on a free port with a fresh temporary data folder, logging
 * at info; `env` adds the test's own settings (store, tenant, secrets, rates). Resolves once it
 * listens; when it does not, the process is stopped and its folder removed before the error is
 * passed on.
 */
export async function startReplica(env: NodeJS.ProcessEnv, folderPrefix = 'tugibot-replica-'): Promise<BotReplica> {
  const dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
  const child = spawnTs('src/main.ts', [], { ...process.env, NODE_ENV: 'development', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env });
  try {
    return { child, dataDir, url: `http://127.0.0.1:${await listeningPort(child)}` };
  } catch (error) {
    await stopReplica({ child, dataDir, url: '' });
    throw error;
  }
}

/** Stops a replica with SIGTERM unless it has exited already (a test may have killed it), then removes its data folder. */
export async function stopReplica(replica: BotReplica): Promise<void> {
  if (replica.child.exitCode === null && replica.child.signalCode === null) {
    const exited = new Promise((resolve) => replica.child.once('exit', resolve));
    replica.child.kill('SIGTERM');
    await exited;
  }
  rmSync(replica.dataDir, { recursive: true, force: true });
}
