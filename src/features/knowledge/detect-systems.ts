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
