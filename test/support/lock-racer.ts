// A light process for the lock race: it loads only the lock, then takes orders on stdin.
//   go <dir> <atMs>  -> waits until the wall clock reaches atMs, acquires, prints "owner" or "locked"
//   release          -> releases the lock it holds, prints "released"
import { createInterface } from 'node:readline';
import { DataDirLock } from '../../src/storage/lock.js';

let held: DataDirLock | undefined;

async function go(dir: string, atMs: number): Promise<string> {
  while (Date.now() < atMs - 2) await new Promise((resolve) => setTimeout(resolve, 1));
  while (Date.now() < atMs) { /* spin the last moment so both start together */ }
  try {
    held = await DataDirLock.acquire(dir);
    return 'owner';
  } catch (error) {
    return (error as Error).name === 'DataDirLockedError' ? 'locked' : `error ${(error as Error).message}`;
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const [verb, dir, at] = line.split(' ');
  if (verb === 'go') process.stdout.write(`${await go(dir, Number(at))}\n`);
  if (verb === 'release') {
    await held?.release();
    held = undefined;
    process.stdout.write('released\n');
  }
}
