import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { DataDir } from '../../../src/storage/data-dir.js';
import { DataDirLock, DataDirLockedError } from '../../../src/storage/lock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { outputOf, spawnTs } from '../../support/spawn-ts.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const HOST = hostname();
const PIDNS = readlinkSync('/proc/self/ns/pid');
const DEAD_PID = 999_999_999;

/** Leaves lock generation `gen` in `dir` as a process that is gone (or a stranger) would. */
function leaveLock(dir: string, holder: Record<string, unknown>, options: { gen?: number; ageMs?: number } = {}): string {
  mkdirSync(join(dir, 'lock'), { recursive: true });
  const file = join(dir, 'lock', String(options.gen ?? 1).padStart(12, '0'));
  writeFileSync(file, JSON.stringify({ token: 'earlier', since: 'earlier', ...holder }));
  const at = (Date.now() - (options.ageMs ?? 0)) / 1000;
  utimesSync(file, at, at);
  return file;
}

/** Lines a child prints, one at a time. */
function linesOf(child: ChildProcessWithoutNullStreams): () => Promise<string> {
  const waiting: Array<(line: string) => void> = [];
  const queued: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queued.push(line);
  });
  return () => new Promise((resolve) => {
    const line = queued.shift();
    if (line !== undefined) resolve(line);
    else waiting.push(resolve);
  });
}

// A minute: these tests pass only if the pid or a missing beat decides, not the heartbeat's age.
const SLOW_STALE = { staleMs: 60_000 };

describe('the data-folder lock', () => {
  const temp = useTempDataDir('tugibot-lock-');

  it('accepts the restart after the owner was killed with SIGKILL', async () => {
    const owner = spawnTs('test/support/lock-probe.ts', [temp.path, 'hold']);
    const next = linesOf(owner);
    expect(await next()).toMatch(/^opened \d+$/);
    const exited = new Promise((resolve) => owner.on('exit', resolve));
    owner.kill('SIGKILL');
    await exited;

    expect(await outputOf(spawnTs('test/support/lock-probe.ts', [temp.path]))).toMatch(/^opened \d+\n$/);
    const dataDir = await DataDir.open(temp.path, silentLogger(), undefined, undefined, SLOW_STALE);
    await dataDir.close();
  }, 30_000);

  it('recognises its own pid from a previous life (a container restarted with the same pid)', async () => {
    leaveLock(temp.path, { pid: process.pid, host: HOST, pidns: PIDNS });
    const lock = await DataDirLock.acquire(temp.path, SLOW_STALE);
    await lock.release();
  });

  it('takes the lock of a dead pid on this host, and of another host whose heartbeat stopped', async () => {
    leaveLock(temp.path, { pid: DEAD_PID, host: HOST, pidns: PIDNS });
    await (await DataDirLock.acquire(temp.path, SLOW_STALE)).release();

    const other = mkdtempSync(join(tmpdir(), 'tugibot-lock-'));
    leaveLock(other, { pid: 1, host: 'pod-that-was-rescheduled' }, { ageMs: 2_000 });
    await (await DataDirLock.acquire(other, { staleMs: 1_000 })).release();
    rmSync(other, { recursive: true, force: true });
  });

  it('refuses a holder whose heartbeat is fresh on another host, or a live pid here', async () => {
    leaveLock(temp.path, { pid: 1, host: 'another-pod' });
    await expect(DataDirLock.acquire(temp.path, SLOW_STALE)).rejects.toThrow(/in use by another tugibot process \(pid 1 on another-pod.*goes stale 60 s after its last heartbeat/);
    rmSync(join(temp.path, 'lock'), { recursive: true });
    leaveLock(temp.path, { pid: process.ppid, host: HOST, pidns: PIDNS });
    await expect(DataDirLock.acquire(temp.path, SLOW_STALE)).rejects.toBeInstanceOf(DataDirLockedError);
  });

  it('tells a previous life in another pid namespace from a live twin by watching for its heartbeat', async () => {
    const file = leaveLock(temp.path, { pid: process.pid, host: HOST, pidns: 'pid:[1]' });
    const beat = setInterval(() => utimesSync(file, new Date(), new Date()), 20);
    await expect(DataDirLock.acquire(temp.path, { heartbeatMs: 100, staleMs: 60_000 })).rejects.toBeInstanceOf(DataDirLockedError);
    clearInterval(beat);
    await (await DataDirLock.acquire(temp.path, { heartbeatMs: 100, staleMs: 60_000 })).release();
  });

  it('refuses a second open in the same process', async () => {
    const first = await DataDirLock.acquire(temp.path);
    await expect(DataDirLock.acquire(temp.path)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.release();
    await (await DataDirLock.acquire(temp.path)).release();
  });

  it('ignores a heartbeat still under way when the lock was released (a test may remove the folder right after closing)', async () => {
    const lost: string[] = [];
    const lock = await DataDirLock.acquire(temp.path, { onLost: (reason) => lost.push(reason) });
    await lock.release();
    rmSync(join(temp.path, 'lock'), { recursive: true, force: true });
    // The beat the interval had started before release() cleared it, finishing now.
    await (lock as unknown as { heartbeat(): Promise<void> }).heartbeat();
    expect(lost).toEqual([]);
  });

  it('keeps a heartbeat, grows generations, and reports a takeover to its owner', async () => {
    const lost: string[] = [];
    const lock = await DataDirLock.acquire(temp.path, { heartbeatMs: 20, onLost: (reason) => lost.push(reason) });
    const file = join(temp.path, 'lock', '000000000001');
    const set = statSync(file).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(statSync(file).mtimeMs).toBeGreaterThan(set);
    leaveLock(temp.path, { pid: DEAD_PID, host: 'x' }, { gen: 2 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(lost).toEqual([expect.stringMatching(/another process took the data folder over \(lock 000000000002\)/)]);
    await lock.release();

    rmSync(join(temp.path, 'lock', '000000000002'));
    writeFileSync(join(temp.path, 'tugibot.lock'), '{"pid":1,"host":"x"}');
    await (await DataDirLock.acquire(temp.path)).release();
    expect(readdirSync(join(temp.path, 'lock'))).toEqual(['000000000002']);
    expect(JSON.parse(readFileSync(join(temp.path, 'lock', '000000000002'), 'utf8'))).toMatchObject({ pid: process.pid, released: true });
    expect(readdirSync(temp.path)).not.toContain('tugibot.lock');
  });

  it('gives a stale lock to exactly one of two processes racing for it, 100 times out of 100', async () => {
    const racers = [spawnTs('test/support/lock-racer.ts'), spawnTs('test/support/lock-racer.ts')];
    const lines = racers.map(linesOf);
    const owners: number[] = [];
    try {
      for (let run = 0; run < 100; run += 1) {
        const race = mkdtempSync(join(tmpdir(), 'tugibot-race-'));
        // Half dead on this host (the pid decides), half silent elsewhere (the heartbeat decides).
        if (run % 2 === 0) leaveLock(race, { pid: DEAD_PID, host: HOST, pidns: PIDNS });
        else leaveLock(race, { pid: 1, host: 'gone-pod' }, { ageMs: 60_000 });
        const at = Date.now() + 40;
        for (const racer of racers) racer.stdin.write(`go ${race} ${at}\n`);
        const results = await Promise.all(lines.map((next) => next()));
        expect(results.filter((result) => !['owner', 'locked'].includes(result))).toEqual([]);
        owners.push(results.filter((result) => result === 'owner').length);
        for (const [index, result] of results.entries()) {
          if (result === 'owner') {
            racers[index].stdin.write('release\n');
            expect(await lines[index]()).toBe('released');
          }
        }
        rmSync(race, { recursive: true, force: true });
      }
    } finally {
      for (const racer of racers) racer.stdin.end();
    }
    expect(owners.filter((count) => count !== 1)).toEqual([]);
  }, 60_000);
});
