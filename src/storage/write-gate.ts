/**
 * A process-wide write barrier for the data folder. Every file write of the storage layer runs
 * through `gated`; `withWritesPaused` waits for the writes already running to finish, holds new
 * ones back, runs its work (a snapshot of the folder) and lets them go again. Changes in memory
 * carry on meanwhile: only their trip to disk waits, so a turn stalls at most for the pause.
 */
let paused: Promise<void> | undefined;
let running = 0;
const idle: Array<() => void> = [];
const recorders = new Set<Set<string>>();

/** Runs one write of `file` (an absolute path) through the barrier. */
export async function gated<T>(file: string, write: () => Promise<T>): Promise<T> {
  while (paused) await paused;
  running += 1;
  try {
    return await write();
  } finally {
    running -= 1;
    for (const written of recorders) written.add(file);
    if (running === 0) for (const wake of idle.splice(0)) wake();
  }
}

/** Runs `work` with no storage write in progress and none starting until it returns. */
export async function withWritesPaused<T>(work: () => T | Promise<T>): Promise<T> {
  while (paused) await paused;
  let resume!: () => void;
  paused = new Promise<void>((resolve) => { resume = resolve; });
  try {
    if (running > 0) await new Promise<void>((resolve) => { idle.push(resolve); });
    return await work();
  } finally {
    paused = undefined;
    resume();
  }
}

/** Collects the file of every write that finishes from now until `stop()`. */
export function recordWrites(): { written: Set<string>; stop: () => void } {
  const written = new Set<string>();
  recorders.add(written);
  return { written, stop: () => { recorders.delete(written); } };
}
