/**
 * A bigger run of the edge fuzz test (test/integration/fuzz.test.ts): seeded hostile requests
 * against a real bot process. Usage: npx tsx bench/edge-fuzz.ts [--seed N] [--count N] [--concurrency N] [--built] [--node PATH] [--history N] [--signed]
 * (`--built` runs dist/main.js, as production does; run `npm run build` first. `--node` names the
 * Node binary for the built bot, e.g. Node 24 as production runs it:
 * `--node "$(npx -y -p node@24 -- node -p 'process.execPath')"`; default: the Node running this.
 * `--history N` starts the bot on a data folder holding N closed cases, all past their retention
 * time, so the run includes masking them: the memory flags are tried against big data too.
 * `--signed` turns Bot Framework authentication on, against a fake token issuer on loopback, and
 * signs most activities correctly, so their junk reaches the bot's own checks).
 */
import { runFuzz } from '../test/support/fuzz-run.js';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { argument } from './argument.js';
import { closedCase } from './closed-case.js';

const seed = argument('seed', 20261207);
const count = argument('count', 11_000);
const concurrency = argument('concurrency', 6);
const built = process.argv.includes('--built');
const nodeAt = process.argv.indexOf('--node');
const node = nodeAt >= 0 ? process.argv[nodeAt + 1] : process.execPath;
if (nodeAt >= 0 && !built) throw new Error('--node needs --built (the tsx run uses the Node running this script)');
const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
const history = argument('history', 0);
const seedHistory = (dataDir: string) => {
  mkdirSync(join(dataDir, 'cases'), { recursive: true });
  for (let segment = 0; segment * 1000 < history; segment += 1) {
    const records = Array.from({ length: Math.min(1000, history - segment * 1000) }, (_, offset) => closedCase(segment * 1000 + offset));
    writeFileSync(join(dataDir, 'cases', `archive-${String(segment + 1).padStart(6, '0')}.json`), JSON.stringify({ records }));
  }
};
const signed = process.argv.includes('--signed');
const report = await runFuzz(seed, count, concurrency, { built, node, seed: seedHistory, signed });
process.stdout.write(`${JSON.stringify({ seed, count, concurrency, built, node: nodeVersion, history, signed, ...report, failures: report.failures.slice(0, 30), errors: report.errors.slice(0, 30), turnFailures: [...new Set(report.turnFailures)] }, null, 2)}\n`);
process.exit(report.failures.length === 0 && report.alive && report.maxRssMb < 300 ? 0 : 1);
