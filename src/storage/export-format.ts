import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';

/**
 * The file `npm run data -- export` writes and `import` reads: JSON lines, engine-neutral, so a desk
 * moves between lowdb and PostgreSQL either way. The first line is the header; every other line is
 * one record of one section. Records are written whole (live and finished, with their history),
 * and the yearly counters go along, so request and case numbers continue where they were. The file
 * holds personal data and the card-signing secret: it is written owner-only (0600).
 */
export const EXPORT_FORMAT = 'tugibot-export';
/** 2 added cases, conversations, card decisions, credential warnings, webhook signatures, the card-signing secret and incidents; 1 is read too. */
export const EXPORT_VERSION = 2;
const READ_VERSIONS = [1, 2] as const;

const record = z.object({ id: z.string().min(1) }).passthrough();
/** What the stores read from a case beyond its id: checked, so a damaged case is named, not half-written. */
const caseRecord = record.extend({
  status: z.string().min(1),
  requester: z.object({ aadObjectId: z.string().min(1) }).passthrough(),
  openedAt: z.string().min(1),
  revision: z.number().int().nonnegative().optional(),
  thread: z.object({ messageId: z.string().min(1) }).passthrough().optional(),
});
const address = z.object({
  channel: z.string(), serviceUrl: z.string(), conversationId: z.string().min(1), kind: z.enum(['personal', 'channel', 'groupChat']),
  bot: z.object({ id: z.string() }).passthrough(),
}).passthrough();
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
  z.object({ section: z.literal('cases'), finished: z.boolean(), record: caseRecord }).refine(
    (line) => line.finished === (line.record.status === 'closed'), { message: 'finished must be true exactly when the case is closed', path: ['finished'] }),
  z.object({ section: z.literal('case-counters'), year: z.number().int(), last: z.number().int().nonnegative() }),
  z.object({ section: z.literal('case-state'), lastDigestDay: z.string().optional() }),
  z.object({ section: z.literal('conversations'), address }),
  z.object({ section: z.literal('card-decisions'), record: z.object({ id: z.string().min(1), by: z.string(), verb: z.string(), at: z.string() }) }),
  z.object({ section: z.literal('credential-warnings'), expiresOn: z.string().min(1), thresholds: z.array(z.number().int()) }),
  z.object({ section: z.literal('webhook-signatures'), signature: z.string().min(1), key: z.string().optional(), until: z.number().int() }),
  z.object({ section: z.literal('card-signing-secret'), secret: z.string().min(16) }),
  z.object({ section: z.literal('incidents'), finished: z.boolean(), record: record.extend({ ref: z.string().min(1), status: z.string().min(1), createdAt: z.string().min(1) }) }),
  z.object({ section: z.literal('incident-broadcasts'), record: record.extend({ targets: z.array(z.unknown()) }) }),
  z.object({ section: z.literal('incident-deliveries'), record: record.extend({
    incidentId: z.string().min(1), key: z.string().min(1), state: z.string().min(1), deliveredVersion: z.number().int(), revision: z.number().int().positive().optional(),
  }) }),
  z.object({ section: z.literal('incident-delivery-records'), record }),
  z.object({ section: z.literal('incident-receipts'), record }),
  z.object({ section: z.literal('incident-subscriptions'), aadObjectId: z.string().min(1), followed: z.array(z.string()) }),
  z.object({ section: z.literal('incident-acks'), record: record.extend({ incidentId: z.string().min(1), aadObjectId: z.string().min(1), at: z.string() }) }),
  z.object({ section: z.literal('app-installs'), record: record.extend({ state: z.string().min(1) }) }),
]);
export type ExportLine = z.infer<typeof exportLine>;
/** A stored record as it travels: any JSON object with its id. */
export type ExportRecord = z.infer<typeof record>;
export const asRecord = <T extends { id: string }>(value: T): ExportRecord => value as unknown as ExportRecord;
export type Section = ExportLine['section'];

/** What an export file covers today; the other stores move with `backup`/`restore` (lowdb) or stay per replica. */
export const SECTIONS: readonly Section[] = exportLine.options.map((option) => option.shape.section.value);

const header = z.object({ format: z.literal(EXPORT_FORMAT), version: z.union(READ_VERSIONS.map((version) => z.literal(version)) as [z.ZodLiteral<1>, z.ZodLiteral<2>]), createdAt: z.string(), from: z.string(), sections: z.array(z.string()) });

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
      if (!header.safeParse(parsed).success) throw new Error(`${file} is not a tugibot export (format ${EXPORT_FORMAT} version ${READ_VERSIONS.join(' or ')}).`);
      continue;
    }
    const line = exportLine.safeParse(parsed);
    if (!line.success) throw new Error(`${file} line ${number}: ${line.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ')}`);
    yield line.data;
  }
  if (number === 0) throw new Error(`${file} is empty.`);
}

/** What makes a line unique within its section: two lines with one key would overwrite or refuse each other halfway. */
function keyOf(line: ExportLine): string | undefined {
  switch (line.section) {
    case 'access-counters': return `${line.series}-${line.year}`;
    case 'case-counters': return String(line.year);
    case 'knowledge-feedback': return line.articleId;
    case 'knowledge-unanswered': return line.key;
    case 'conversations': return line.address.conversationId;
    case 'credential-warnings': return line.expiresOn;
    case 'webhook-signatures': return line.signature;
    case 'incident-subscriptions': return line.aadObjectId.toLowerCase();
    case 'access-state': case 'case-state': case 'card-signing-secret': return '';
    default: return line.record.id;
  }
}

/**
 * Reads the whole file once before an import writes anything: every line well-formed, and no key
 * twice in a section (a lowdb import cannot roll back, so nothing may fail halfway).
 */
export async function checkExportFile(file: string): Promise<SectionCounts> {
  const seen = new Set<string>();
  const counts: SectionCounts = {};
  for await (const line of readExportFile(file)) {
    countLine(counts, line);
    const key = `${line.section}\u0000${keyOf(line)}`;
    if (seen.has(key)) throw new Error(`${file}: ${line.section} holds ${keyOf(line) || 'its one entry'} twice: the file is damaged or was edited.`);
    seen.add(key);
  }
  return counts;
}
