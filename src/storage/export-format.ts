import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';

/**
 * The file `npm run data -- export` writes and `import` reads: JSON lines, engine-neutral, so a desk
 * moves between lowdb and PostgreSQL either way. The first line is the header; every other line is
 * one record of one section. Records are written whole (live and finished, with their history),
 * and the yearly counters go along, so request numbers continue where they were.
 */
export const EXPORT_FORMAT = 'tugibot-export';
export const EXPORT_VERSION = 1;

const record = z.object({ id: z.string().min(1) }).passthrough();
const finishedRecord = <S extends string>(section: S) => z.object({ section: z.literal(section), finished: z.boolean(), record });

export const exportLine = z.discriminatedUnion('section', [
  finishedRecord('access-requests'),
  finishedRecord('access-tasks'),
  finishedRecord('access-grants'),
  finishedRecord('access-substitutions'),
  z.object({ section: z.literal('access-audit'), record }),
  z.object({ section: z.literal('access-counters'), series: z.enum(['LIG', 'ASE']), year: z.number().int(), last: z.number().int().nonnegative() }),
  z.object({ section: z.literal('access-state'), lastScanOn: z.string().optional(), lastDigestOn: z.string().optional() }),
  z.object({ section: z.literal('knowledge-feedback'), articleId: z.string().min(1), helpful: z.number().int().nonnegative(), unhelpful: z.number().int().nonnegative(), lastAt: z.string() }),
  z.object({ section: z.literal('knowledge-feedback-events'), record }),
  z.object({ section: z.literal('knowledge-unanswered'), key: z.string().min(1), question: z.string(), count: z.number().int().positive(), firstAskedAt: z.string(), lastAskedAt: z.string() }),
  z.object({ section: z.literal('knowledge-proposals'), record }),
]);
export type ExportLine = z.infer<typeof exportLine>;
/** A stored record as it travels: any JSON object with its id. */
export type ExportRecord = z.infer<typeof record>;
export const asRecord = <T extends { id: string }>(value: T): ExportRecord => value as unknown as ExportRecord;
export type Section = ExportLine['section'];

/** What an export file covers today; the other stores move with `backup`/`restore` (lowdb) or stay per replica. */
export const SECTIONS: readonly Section[] = exportLine.options.map((option) => option.shape.section.value);

const header = z.object({ format: z.literal(EXPORT_FORMAT), version: z.literal(EXPORT_VERSION), createdAt: z.string(), from: z.string(), sections: z.array(z.string()) });

/** Counts per section, for the report. */
export type SectionCounts = Partial<Record<Section, number>>;

export function countLine(counts: SectionCounts, line: ExportLine): void {
  counts[line.section] = (counts[line.section] ?? 0) + 1;
}

/** Writes the lines to `file` (0600, a temporary name renamed into place when complete). */
export async function writeExportFile(file: string, from: string, lines: AsyncIterable<ExportLine>, now = new Date()): Promise<SectionCounts> {
  const temp = `${file}.tmp`;
  const out = createWriteStream(temp, { mode: 0o600 });
  const counts: SectionCounts = {};
  const write = async (text: string) => { if (!out.write(`${text}\n`)) await once(out, 'drain'); };
  try {
    await write(JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, createdAt: now.toISOString(), from, sections: SECTIONS }));
    for await (const line of lines) {
      countLine(counts, line);
      await write(JSON.stringify(line));
    }
    out.end();
    await once(out, 'finish');
    await rename(temp, file);
    return counts;
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}

/** Reads and checks an export file line by line; a bad line names its number and stops the import. */
export async function* readExportFile(file: string): AsyncGenerator<ExportLine> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${file} line ${number} is not JSON: not an export file, or damaged.`);
    }
    if (number === 1) {
      if (!header.safeParse(parsed).success) throw new Error(`${file} is not a tugibot export (format ${EXPORT_FORMAT} version ${EXPORT_VERSION}).`);
      continue;
    }
    const line = exportLine.safeParse(parsed);
    if (!line.success) throw new Error(`${file} line ${number}: ${line.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ')}`);
    yield line.data;
  }
  if (number === 0) throw new Error(`${file} is empty.`);
}
