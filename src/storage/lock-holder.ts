import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** What a lock file says about the process that holds it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The PID namespace (Linux: /proc/self/ns/pid), so a pid is only checked where it means something. */
  pidns?: string;
  /** Unique per acquisition: tells two lives of one pid apart. */
  token: string;
  since: string;
  released?: boolean;
}

/** A lock file as found on disk. */
export interface LockEntry {
  gen: number;
  holder?: LockHolder;
  mtimeMs: number;
}

export type Verdict = { live: true } | { live: false; why: string } | { live: 'watch' };

function pidNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

/** This process, as it would describe itself in a lock file. */
export function currentProcess(token: string): LockHolder {
  return { pid: process.pid, host: hostname(), pidns: pidNamespace(), token, since: new Date().toISOString() };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.token !== 'string') return undefined;
    return {
      pid: parsed.pid, host: parsed.host, token: parsed.token, since: String(parsed.since ?? 'unknown'),
      ...(typeof parsed.pidns === 'string' ? { pidns: parsed.pidns } : {}),
      ...(parsed.released === true ? { released: true } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Is the holder of a lock file still alive? The heartbeat decides first: a holder refreshes its
 * file's mtime every few seconds, so a file older than `staleMs` belongs to a dead (or hopelessly
 * stuck) process wherever it ran. Within one host and PID namespace the process table answers at
 * once: a pid that is gone, or that is our own pid (a previous life of this container or process:
 * we do not hold this file, so whoever wrote it with our pid is dead). Our pid on our host but in
 * another namespace (a restarted container) may be a previous life or a twin: watch for a beat.
 */
export function judge(entry: LockEntry, me: LockHolder, staleMs: number, now = Date.now()): Verdict {
  const { holder } = entry;
  if (holder?.released) return { live: false, why: 'released' };
  if (now - entry.mtimeMs > staleMs) return { live: false, why: `no heartbeat for ${Math.round((now - entry.mtimeMs) / 1000)} s` };
  if (!holder || holder.host !== me.host) return { live: true };
  // Both undefined: a system without PID namespaces (macOS, Windows), where the host's table is the one.
  const sameNamespace = holder.pidns === me.pidns;
  if (sameNamespace && holder.pid === me.pid) return { live: false, why: 'a previous life of this pid' };
  if (sameNamespace && !isAlive(holder.pid)) return { live: false, why: 'its process is gone' };
  if (!sameNamespace && holder.pid === me.pid) return { live: 'watch' };
  return { live: true };
}
