import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | undefined;

/**
 * Every CSV the bot writes goes through here: RFC 4180 quoting by `csv-stringify`, and formula
 * escaping, so a cell a person typed that begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return (or their full-width forms) is prefixed with `'` and a spreadsheet shows it as text
 * instead of running it. Numbers keep their sign.
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header, ...rows], { escape_formulas: true, quoted_match: /\r/, record_delimiter: 'unix', eof: false });
}

/** One CSV field, as `toCsv` writes it. */
export function csvField(value: CsvCell): string {
  return stringify([[value]], { escape_formulas: true, quoted_match: /\r/, eof: false });
}
