import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { gated } from './write-gate.js';

interface IndexLine {
  segment: number;
  ids: string[];
}

function parseLine(line: string): IndexLine | undefined {
  try {
    const parsed = JSON.parse(line) as Partial<IndexLine>;
    if (typeof parsed.segment === 'number' && Array.isArray(parsed.ids) && parsed.ids.every((id) => typeof id === 'string')) {
      return { segment: parsed.segment, ids: parsed.ids };
    }
  } catch {
    // A line cut short by a crash: that segment is indexed again from its file.
  }
  return undefined;
}

/**
 * Which archive segment holds which id, kept in `archive.index.jsonl` beside the segments so that
 * opening a collection reads one small file instead of every record of its history. One line per
 * sealed (full, never again written) segment, appended when the next segment starts; the newest
 * segment is not in the file (it is read anyway). A segment without a line (a folder from before
 * the index, or a crash before the append) is read once and its line added: built once, kept current.
 */
export class ArchiveIndex {
  private constructor(private readonly file: string) {}

  static async load(
    dir: string, sealed: readonly number[], readIds: (segment: number) => Promise<string[]>, into: Map<string, number>,
  ): Promise<ArchiveIndex> {
    const index = new ArchiveIndex(join(dir, 'archive.index.jsonl'));
    const text = await fs.readFile(index.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const known = new Map<number, string[]>();
    let damaged = false;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parseLine(line);
      if (parsed) known.set(parsed.segment, parsed.ids);
      else damaged = true;
    }
    const missing = sealed.filter((segment) => !known.has(segment));
    for (const segment of missing) known.set(segment, await readIds(segment));
    for (const segment of sealed) for (const id of known.get(segment) as string[]) into.set(id, segment);
    if (damaged) await index.rewrite(sealed.map((segment) => ({ segment, ids: known.get(segment) as string[] })));
    else for (const segment of missing) await index.seal(segment, known.get(segment) as string[]);
    return index;
  }

  /** Records a segment that is full: it never changes again. */
  async seal(segment: number, ids: string[]): Promise<void> {
    await gated(this.file, () => fs.appendFile(this.file, `${JSON.stringify({ segment, ids })}\n`));
  }

  private async rewrite(lines: IndexLine[]): Promise<void> {
    const temp = `${this.file}.tmp`;
    await gated(this.file, async () => {
      await fs.writeFile(temp, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
      await fs.rename(temp, this.file);
    });
  }
}
