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

/** True when `value` is an 11-digit code with a valid century digit, date and checksum. */
export function isPersonalCode(value: string): boolean {
  if (!/^[1-8]\d{10}$/.test(value)) return false;
  const month = Number(value.slice(3, 5));
  const day = Number(value.slice(5, 7));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return personalCodeChecksum(value.slice(0, 10)) === Number(value[10]);
}

const CANDIDATE = /(?<!\d)[1-8]\d{10}(?!\d)/g;

/** Replaces every valid personal code in `text` with a mask that keeps no digits. */
export function maskPersonalCodes(text: string): string {
  return text.replace(CANDIDATE, (match) => (isPersonalCode(match) ? '[isikukood]' : match));
}

/** True when the text holds at least one valid personal code. */
export function containsPersonalCode(text: string): boolean {
  return (text.match(CANDIDATE) ?? []).some(isPersonalCode);
}
