// Two fresh processes race for a stale data-folder lock, N times; counts the owners of each race.
// Run: npx tsx bench/lock-race.ts [--tries 100]
// Each try starts two new Node processes (tsx loader) that wait for a common instant and then
// acquire; the stale lock alternates between a dead pid on this host and a silent other host.
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { argument } from './argument.js';

const TRIES = argument('tries', 100);

function leaveStaleLock(dir: string, run: number): void {
  mkdirSync(join(dir, 'lock'));
  const file = join(dir, 'lock', '000000000001');
  const holder = run % 2 === 0
    ? { pid: 999_999_999, host: hostname(), pidns: readlinkSync('/proc/self/ns/pid'), token: 'dead' }
    : { pid: 1, host: 'gone-pod', token: 'silent' };
  writeFileSync(file, JSON.stringify({ ...holder, since: 'earlier' }));
  if (run % 2 === 1) utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
}

async function race(dir: string): Promise<string[]> {
  const at = Date.now() + 1500; // both processes loaded by then
  const children = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', 'test/support/lock-racer.ts'], { cwd: process.cwd() }));
  const results = children.map((child) => new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).once('line', resolve);
  }));
  for (const child of children) child.stdin.write(`go ${dir} ${at}\n`);
  const lines = await Promise.all(results);
  // Only now may the owners go: a process that exits leaves a dead holder, fair game for the other.
  for (const child of children) child.stdin.end();
  await Promise.all(children.map((child) => new Promise((resolve) => child.exitCode === null ? child.on('exit', resolve) : resolve(null))));
  return lines;
}

const tally = new Map<number, number>();
const started = Date.now();
for (let run = 0; run < TRIES; run += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'tugibot-race-'));
  leaveStaleLock(dir, run);
  const lines = await race(dir);
  if (lines.some((line) => line !== 'owner' && line !== 'locked')) console.log(`try ${run}: ${lines.join(' | ')}`);
  const owners = lines.filter((line) => line === 'owner').length;
  tally.set(owners, (tally.get(owners) ?? 0) + 1);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${TRIES} races of two fresh processes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const owners of [0, 1, 2]) console.log(`  ${owners} owner(s): ${tally.get(owners) ?? 0}`);
process.exitCode = tally.get(1) === TRIES ? 0 : 1;
