import { foldText } from '../../shared/i18n.js';

const PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  ['SKAIS', /\bskais\w*|\bsotsiaalkaitse\s+infosusteem\w*|\bsocial\s+(security|protection)\s+information\s+system/],
  ['STAR', /\bstar(i\w{0,4})?\b|\bsotsiaalteenuste\s+ja\s+-?toetuste\s+andmeregist\w*|\bsocial\s+services\s+and\s+benefits\s+regist\w*/],
];

/** The systems a question names (SKAIS, STAR), in a fixed order; the incidents feature uses them. */
export function detectSystems(question: string): string[] {
  const folded = foldText(question);
  return PATTERNS.filter(([, pattern]) => pattern.test(folded)).map(([system]) => system);
}

/** Words that make the system after them a comparison ("nagu STARis", "like in STAR", "same as STAR"). */
const COMPARISON = /(?:\bnagu|\b(?:samamoodi|samuti|sarnaselt|teisiti)\s+kui|\blike|\bas\s+in|\bthan(?:\s+in)?|\bsame\s+as|\bunlike)\s+(?:(?:in|the|on|with)\s+)?$/;

/**
 * The systems a question asks about: of two systems named, one named only as a comparison
 * ("kuidas SKAISi kasutajaks saan, kas nagu STARis") is left out, so the other's articles rank alone.
 * One system, or two named alike, stay as detectSystems reads them.
 */
export function askedSystems(question: string): string[] {
  const named = detectSystems(question);
  if (named.length < 2) return named;
  const folded = foldText(question);
  const asked = PATTERNS.filter(([system, pattern]) => named.includes(system) && !onlyCompared(folded, pattern)).map(([system]) => system);
  return asked.length === 0 ? named : asked;
}

function onlyCompared(folded: string, pattern: RegExp): boolean {
  const all = new RegExp(pattern.source, 'g');
  for (const match of folded.matchAll(all)) {
    if (!COMPARISON.test(folded.slice(Math.max(0, match.index - 30), match.index))) return false;
  }
  return true;
}
