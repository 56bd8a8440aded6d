/** The most events inside any 1-second window (times in ms, any order): a rate limit's figure. */
export function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while (sorted[end] - sorted[start] >= 1000) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
