/** A first part may be as short as töö (tööleping); the last part carries the ending and is longer. */
const MIN_FIRST = 3;
const MIN_LAST = 4;

/**
 * The ways to cut a folded word in two (kasutajakonto -> kasutaja + konto, tooleping -> too +
 * leping). Estonian writes compounds as one word; the caller decides which parts it knows.
 */
export function compoundCuts(word: string): Array<[string, string]> {
  const cuts: Array<[string, string]> = [];
  for (let at = MIN_FIRST; at <= word.length - MIN_LAST; at += 1) cuts.push([word.slice(0, at), word.slice(at)]);
  return cuts;
}

/** The first cut both of whose parts are known, preferring balanced parts. */
export function splitCompound(word: string, isKnown: (part: string) => boolean): [string, string] | undefined {
  const known = compoundCuts(word).filter(([left, right]) => isKnown(left) && isKnown(right));
  known.sort((a, b) => Math.min(b[0].length, b[1].length) - Math.min(a[0].length, a[1].length));
  return known[0];
}
