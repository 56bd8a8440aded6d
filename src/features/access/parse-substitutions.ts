import { parse } from 'csv-parse/sync';
import type { DirectoryPerson } from '../../shared/directory.js';
import { foldText, type Text } from '../../shared/i18n.js';
import { findRole, type Catalogue } from './catalogue.js';
import { readDay } from './dates.js';

/** One row of the absence schedule, as typed. */
export interface SubstitutionRow {
  line: number;
  person: string;
  substitute: string;
  from: string;
  to: string;
  rights: string;
}

export interface RowProblem {
  line: number;
  reason: Text;
}

const COLUMNS = ['person', 'substitute', 'from', 'to', 'rights'];
const ALIASES: Record<string, string> = { isik: 'person', puuduja: 'person', asendaja: 'substitute', alates: 'from', kuni: 'to', oigused: 'rights' };
/** The word for "the same pension-register rights as the absent person". */
export const SAME_RIGHTS = ['sama', 'same'];

/**
 * A message typed in Teams arrives with its line breaks folded into spaces. Rows are restored by
 * breaking at spaces that are outside quotes and not next to a comma.
 */
export function restoreLines(text: string): string {
  if (text.includes('\n')) return text;
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    const breaks = char === ' ' && !quoted && text[i - 1] !== ',' && text[i + 1] !== ',' && text[i + 1] !== ' ';
    out += breaks ? '\n' : char;
  }
  return out;
}

/** Reads the CSV (header: person, substitute, from, to, rights); a bad row is reported with its line, the rest kept. */
export function parseSubstitutionCsv(text: string): { rows: SubstitutionRow[]; problems: RowProblem[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.trim(), { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = Number((error as { lines?: number }).lines ?? 1);
    return { rows: [], problems: [{ line, reason: { et: `CSV-d ei saa lugeda (${(error as Error).message})`, en: `the CSV cannot be read (${(error as Error).message})` } }] };
  }
  const [header, ...body] = records;
  const names = (header?.record ?? []).map((name) => ALIASES[foldText(name)] ?? foldText(name));
  if (names.join(',') !== COLUMNS.join(',')) {
    return { rows: [], problems: [{ line: header?.info.lines ?? 1, reason: { et: `päis peab olema ${COLUMNS.join(',')}`, en: `the header must be ${COLUMNS.join(',')}` } }] };
  }
  const rows: SubstitutionRow[] = [];
  const problems: RowProblem[] = [];
  for (const { record, info } of body) {
    if (record.length !== COLUMNS.length) {
      problems.push({ line: info.lines, reason: { et: `real on ${record.length} välja, vaja on ${COLUMNS.length}`, en: `the row has ${record.length} fields, ${COLUMNS.length} are needed` } });
      continue;
    }
    const [person, substitute, from, to, rights] = record;
    rows.push({ line: info.lines, person, substitute, from, to, rights });
  }
  return { rows, problems };
}

/** What the service found out about a row's people before it is checked. */
export interface RowContext {
  person?: DirectoryPerson;
  substitute?: DirectoryPerson;
  /** The absent person's current pension-register roles. */
  pensionRoles: string[];
  today: string;
}

export interface CheckedRow {
  person: DirectoryPerson;
  substitute: DirectoryPerson;
  from: string;
  to: string;
  roles: string[];
}

const problem = (et: string, en: string): { problem: Text } => ({ problem: { et, en } });

/** Checks one row; a problem says in both languages what is wrong with it. */
export function checkRow(catalogue: Catalogue, row: SubstitutionRow, context: RowContext): { ok: CheckedRow } | { problem: Text } {
  const { person, substitute } = context;
  if (!person) return problem(`puudujat „${row.person}“ ei ole kataloogis`, `the absent person "${row.person}" is not in the directory`);
  if (!substitute) return problem(`asendajat „${row.substitute}“ ei ole kataloogis`, `the substitute "${row.substitute}" is not in the directory`);
  if (person.id.toLowerCase() === substitute.id.toLowerCase()) return problem('inimene ei saa iseennast asendada', 'a person cannot substitute for themselves');
  const from = readDay(row.from);
  const to = readDay(row.to);
  if (!from || !to) return problem('kuupäevad peavad olema kujul AAAA-KK-PP või PP.KK.AAAA', 'the dates must be YYYY-MM-DD or DD.MM.YYYY');
  if (to < from) return problem('lõppkuupäev on enne alguskuupäeva', 'the end date is before the start date');
  if (to < context.today) return problem('asendus on juba lõppenud', 'the substitution has already ended');
  const words = row.rights.split(/[;|\s]+/).filter(Boolean);
  if (words.length === 1 && SAME_RIGHTS.includes(foldText(words[0]))) {
    if (context.pensionRoles.length === 0) return problem(`inimesel ${person.name} ei ole praegu pensionikindlustuse registri õigusi, mida asendajale anda`, `${person.name} holds no pension register rights to pass on`);
    return { ok: { person, substitute, from, to, roles: context.pensionRoles } };
  }
  if (words.length === 0) return problem('õigused on märkimata (rollide ID-d või „sama“)', 'no rights given (role IDs or "same")');
  const unknown = words.filter((word) => !findRole(catalogue, word));
  if (unknown.length > 0) return problem(`tundmatu roll: ${unknown.join(', ')}`, `unknown role: ${unknown.join(', ')}`);
  return { ok: { person, substitute, from, to, roles: words } };
}
