/**
 * Estonian personal identification codes (isikukood): 11 digits, GYYMMDDSSSC, where C is a
 * checksum over the first ten digits with two weight rounds (standard EVS 585:2007).
 */
const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1];
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];

function weightedRemainder(digits: number[], weights: number[]): number {
  return digits.reduce((sum, digit, index) => sum + digit * weights[index], 0) % 11;
}

/** The checksum digit for the first ten digits of a code. */
export function personalCodeChecksum(firstTen: string): number {
  const digits = [...firstTen].map(Number);
  const first = weightedRemainder(digits, WEIGHTS_1);
  if (first < 10) return first;
  const second = weightedRemainder(digits, WEIGHTS_2);
  return second < 10 ? second : 0;
}

const CENTURY: Record<string, number> = { 1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000, 7: 2100, 8: 2100 };

/** True when the six digits after the century digit are a real calendar date of that century. */
function hasRealDate(value: string): boolean {
  const year = CENTURY[value[0]] + Number(value.slice(1, 3));
  const month = Number(value.slice(3, 5));
  const day = Number(value.slice(5, 7));
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when `value` is an 11-digit code with a valid century digit, date and checksum. */
export function isPersonalCode(value: string): boolean {
  if (!/^[1-8]\d{10}$/.test(value) || !hasRealDate(value)) return false;
  return personalCodeChecksum(value.slice(0, 10)) === Number(value[10]);
}

/**
 * True when `value` is shaped like a code of a living person (century digit 1-6 and a real date),
 * whatever its checksum: a code with a typo in it still names a person, so it is masked too.
 */
export function looksLikePersonalCode(value: string): boolean {
  return isPersonalCode(value) || (/^[1-6]\d{10}$/.test(value) && hasRealDate(value));
}

const CANDIDATE = /(?<!\d)[1-8]\d{10}(?!\d)/g;

/**
 * Replaces every personal code in `text` with a mask that keeps no digits: valid ones, and any
 * 11-digit number shaped like one (a mistyped checksum). The one rule for everything that leaves
 * the desk: logs, escalations, drafts, exports, stored questions and reports.
 */
export function maskPersonalCodes(text: string): string {
  return text.replace(CANDIDATE, (match) => (looksLikePersonalCode(match) ? '[isikukood]' : match));
}

/** True when the text holds at least one personal code (or a number shaped like one). */
export function containsPersonalCode(text: string): boolean {
  return (text.match(CANDIDATE) ?? []).some(looksLikePersonalCode);
}
