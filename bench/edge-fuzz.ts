/**
 * A bigger run of the edge fuzz test (test/integration/fuzz.test.ts): seeded hostile requests
 * against a real bot process. Usage: npx tsx bench/edge-fuzz.ts [--seed N] [--count N] [--concurrency N] [--built]
 * (`--built` runs dist/main.js, as production does; run `npm run build` first).
 */
import { runFuzz } from '../test/support/fuzz-run.js';
import { argument } from './argument.js';

const seed = argument('seed', 20261207);
const count = argument('count', 11_000);
const concurrency = argument('concurrency', 6);
const built = process.argv.includes('--built');
const report = await runFuzz(seed, count, concurrency, built);
process.stdout.write(`${JSON.stringify({ seed, count, concurrency, built, ...report, failures: report.failures.slice(0, 30), errors: report.errors.slice(0, 30), turnFailures: [...new Set(report.turnFailures)] }, null, 2)}\n`);
process.exit(report.failures.length === 0 && report.alive && report.maxRssMb < 300 ? 0 : 1);
