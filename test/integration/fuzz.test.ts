import { runFuzz } from '../support/fuzz-run.js';
import { STARTUP_MS } from '../support/bot-process.js';

/**
 * Seeded fuzz against a real bot process: mutated activities (wrong types, missing fields, huge
 * strings, nested junk, unicode), junk and compressed bodies (gzip bombs), webhook and Alertmanager
 * calls with good and bad signatures; then activities with Bot Framework tokens, most correctly
 * signed. No 5xx except 501 for an unsupported invoke, the process's
 * RSS stays under 300 MB and it never dies. `npx tsx bench/edge-fuzz.ts` runs a bigger one.
 */
describe('fuzzing the HTTP edge', () => {
  it('answers 2,000 hostile requests without a 5xx, within 300 MB, and stays up', async () => {
    const report = await runFuzz(20261207, 2000);
    expect(report.failures.slice(0, 20)).toEqual([]);
    expect(report.errors.slice(0, 10)).toEqual([]);
    expect(report.alive).toBe(true);
    expect(report.maxRssMb).toBeLessThan(300);
    expect(report.requests).toBe(2000);
    expect(report.turnFailures.filter((failure) => /Cannot read properties|is not a function|Unknown activity/.test(failure))).toEqual([]);
  }, 120_000 + STARTUP_MS); // start-up has its own bounded wait (test/support/bot-process.ts)

  it('signs most of 1,000 junk activities correctly (Bot Framework tokens): their junk gets 400, never a handler crash', async () => {
    const report = await runFuzz(20261208, 1000, 6, { signed: true });
    expect(report.failures.slice(0, 20)).toEqual([]);
    expect(report.errors.slice(0, 10)).toEqual([]);
    expect(report.alive).toBe(true);
    // Signed junk got past the token checks into the bot's own: served, refused with 400, or 501.
    expect(report.statuses[200]).toBeGreaterThan(100);
    expect(report.statuses[400]).toBeGreaterThan(100);
    // What the activity's content can break at the edge (a missing field read, a gone message).
    expect(report.turnFailures.filter((failure) => /Cannot read properties|is not a function|Unknown activity/.test(failure))).toEqual([]);
  }, 120_000 + STARTUP_MS);
});
