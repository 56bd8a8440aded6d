/** Case numbers are readable, unique and sequential per year: `TUGI-2026-00042`. */
const PATTERN = /^TUGI-(\d{4})-(\d{5,})$/;

export function formatCaseNumber(year: number, sequence: number): string {
  return `TUGI-${year}-${String(sequence).padStart(5, '0')}`;
}

/** The canonical number from what someone typed (`tugi-2026-42` works too), or undefined. */
export function parseCaseNumber(typed: string): string | undefined {
  const match = /^tugi[-\s]?(\d{4})[-\s]?(\d{1,7})$/i.exec(typed.trim());
  if (!match) return undefined;
  return formatCaseNumber(Number(match[1]), Number(match[2]));
}

export function isCaseNumber(value: string): boolean {
  return PATTERN.test(value);
}
