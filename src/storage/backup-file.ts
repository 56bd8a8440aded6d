import { createWriteStream, promises as fs } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { z } from 'zod';
import { listDataFiles } from './snapshot.js';

/**
 * A backup file, documented in the README ("Backup and restore"): gzip of every data file's bytes
 * one after another, then the manifest as one JSON line, then `TUGIBOT-BACKUP <manifest bytes>\n`.
 * The manifest names each file with its size and sha256, so a damaged or cut file is refused
 * before anything is written. Own format rather than tar: no dependency, and a checksum per file.
 */
const TRAILER = /\nTUGIBOT-BACKUP (\d+)\n$/;
const manifestSchema = z.object({
  format: z.literal('tugibot-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  files: z.array(z.object({ path: z.string().min(1), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

async function schemaVersionOf(dir: string): Promise<number> {
  const meta = JSON.parse(await fs.readFile(join(dir, 'meta.json'), 'utf8').catch(() => '{}')) as { schemaVersion?: unknown };
  return typeof meta.schemaVersion === 'number' ? meta.schemaVersion : 0;
}

/** Packs a frozen data folder into `file` (written 0600 under a temporary name, then renamed). */
export async function writeBackupFile(snapshotDir: string, file: string, now = new Date()): Promise<BackupManifest> {
  const manifest: BackupManifest = { format: 'tugibot-backup', version: 1, createdAt: now.toISOString(), schemaVersion: await schemaVersionOf(snapshotDir), files: [] };
  async function* bytes(): AsyncGenerator<Buffer> {
    for (const path of listDataFiles(snapshotDir)) {
      const content = await fs.readFile(join(snapshotDir, path));
      manifest.files.push({ path, size: content.length, sha256: createHash('sha256').update(content).digest('hex') });
      yield content;
    }
    const line = Buffer.from(`${JSON.stringify(manifest)}\n`);
    yield Buffer.concat([line, Buffer.from(`TUGIBOT-BACKUP ${line.length}\n`)]);
  }
  const temp = `${file}.${process.pid}.tmp`;
  await pipeline(bytes(), createGzip({ level: 1 }), createWriteStream(temp, { mode: FILE_MODE }));
  await fs.rename(temp, file);
  return manifest;
}

/** Reads and checks a backup file whole; throws an error naming the problem. */
export async function readBackupFile(file: string): Promise<{ manifest: BackupManifest; contents: Map<string, Buffer> }> {
  let raw: Buffer;
  try {
    raw = await promisify(gunzip)(await fs.readFile(file));
  } catch (error) {
    throw new Error(`${file} is not a readable tugibot backup (damaged or not one): ${(error as Error).message}`, { cause: error });
  }
  const tail = raw.subarray(Math.max(0, raw.length - 40)).toString('latin1');
  const trailer = TRAILER.exec(tail);
  if (!trailer) throw new Error(`${file} is not a tugibot backup: its end marker is missing (cut short?).`);
  const manifestEnd = raw.length - trailer[0].length + 1;
  const manifestStart = manifestEnd - Number(trailer[1]);
  let manifest: BackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(raw.subarray(manifestStart, manifestEnd).toString('utf8')));
  } catch (error) {
    throw new Error(`${file} has a damaged manifest: ${(error as Error).message}`, { cause: error });
  }
  const contents = new Map<string, Buffer>();
  let offset = 0;
  for (const entry of manifest.files) {
    if (isAbsolute(entry.path) || entry.path.split('/').some((part) => part === '..' || part === '')) {
      throw new Error(`${file} names a file outside the data folder (${entry.path}): refused.`);
    }
    const content = raw.subarray(offset, offset + entry.size);
    offset += entry.size;
    if (content.length !== entry.size || createHash('sha256').update(content).digest('hex') !== entry.sha256) {
      throw new Error(`${file} is damaged: ${entry.path} does not match its checksum in the manifest.`);
    }
    contents.set(entry.path, content);
  }
  if (offset !== manifestStart) throw new Error(`${file} is damaged: its data (${manifestStart} bytes) does not match the manifest (${offset} bytes).`);
  return { manifest, contents };
}

/** Restores a backup into `target`, which must be missing or empty; nothing is written unless every checksum holds. */
export async function restoreBackupFile(file: string, target: string): Promise<BackupManifest> {
  const dir = resolve(target);
  const present = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (present.length > 0) {
    throw new Error(`Refusing to restore into ${dir}: the folder is not empty (${present.length} entries, e.g. ${present.slice(0, 3).join(', ')}). Restore into an empty or new folder and point DATA_DIR at it.`);
  }
  const { manifest, contents } = await readBackupFile(file);
  await fs.mkdir(dir, { recursive: true, mode: FOLDER_MODE });
  await fs.chmod(dir, FOLDER_MODE);
  for (const [path, content] of contents) {
    const to = join(dir, path);
    await fs.mkdir(dirname(to), { recursive: true, mode: FOLDER_MODE });
    await fs.writeFile(to, content, { mode: FILE_MODE, flag: 'wx' });
  }
  return manifest;
}
