import {
  shares, thresholdsByLimits, thresholdsByObjective, thresholdsBySoftLimits, type ScoredCase,
} from '../../../src/features/knowledge/choose-thresholds.js';

/** A fixed synthetic set shaped like the own questions: most in scope, right ones surer, a quarter out of scope. */
function syntheticCases(count = 240): ScoredCase[] {
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: count }, (_, at) => {
    const inScope = at % 4 !== 0;
    const topRight = inScope && at % 9 !== 1;
    const sure = topRight ? 0.35 + 0.65 * random() : 0.9 * random() ** 1.5;
    const shown = Math.min(1, inScope ? sure + 0.3 * random() : 0.7 * sure + 0.2 * random());
    return { sure, shown, inScope, topRight, suggestedRight: inScope && (topRight || at % 3 === 0) };
  });
}

describe('choosing the thresholds by the goals as limits', () => {
  const cases = syntheticCases();
  const limits = { maxWrong: 0.02, minRefused: 0.9 };

  it('keeps confident wrong and refused within the limits on the training cases, and answers as much as they allow', () => {
    const chosen = thresholdsByLimits(cases, limits);
    const figures = shares(cases, chosen);
    expect(figures.wrong).toBeLessThanOrEqual(limits.maxWrong);
    expect(figures.refused).toBeGreaterThanOrEqual(limits.minRefused);
    // one grid step lower breaks a limit: the next lower answer threshold answers too many wrongly
    expect(shares(cases, { ...chosen, answerThreshold: chosen.answerThreshold - 0.025 }).wrong).toBeGreaterThan(limits.maxWrong);
    expect(shares(cases, { ...chosen, suggestThreshold: chosen.suggestThreshold - 0.025 }).refused).toBeLessThan(limits.minRefused);
    // the old objective spends less of the confident-wrong budget on answering here
    expect(thresholdsByObjective(cases).answerThreshold).toBeGreaterThan(chosen.answerThreshold);
  });

  it('counted softly, moves a threshold by less than a grid step when any one case is left out', () => {
    const all = thresholdsBySoftLimits(cases, limits);
    expect(shares(cases, all).wrong).toBeLessThanOrEqual(limits.maxWrong + 0.01);
    expect(shares(cases, all).refused).toBeGreaterThanOrEqual(limits.minRefused - 0.02);
    const answers = cases.map((_, left) => thresholdsBySoftLimits(cases.filter((__, at) => at !== left), limits).answerThreshold);
    expect(Math.max(...answers) - Math.min(...answers)).toBeLessThan(0.015);
    // a wrong case pushed from just under the chosen threshold to above it moves the hard choice a grid step, the soft one a little
    const hard = thresholdsByLimits(cases, limits).answerThreshold;
    const nearest = cases.filter((item) => !item.topRight && item.sure < hard).sort((a, b) => b.sure - a.sure)[0];
    const nudged = cases.map((item) => (item === nearest ? { ...item, sure: hard + 0.001 } : item));
    expect(thresholdsByLimits(nudged, limits).answerThreshold - hard).toBeGreaterThanOrEqual(0.025);
    expect(Math.abs(thresholdsBySoftLimits(nudged, limits).answerThreshold - all.answerThreshold)).toBeLessThan(0.01);
  });

  it('falls back to the highest thresholds when no threshold meets a limit', () => {
    const impossible = { maxWrong: -1, minRefused: 2 };
    expect(thresholdsByLimits(cases, impossible)).toEqual({ answerThreshold: 0.95, suggestThreshold: 0.95 });
    expect(thresholdsBySoftLimits(cases, impossible)).toEqual({ answerThreshold: 0.97, suggestThreshold: 0.97 });
  });
});
