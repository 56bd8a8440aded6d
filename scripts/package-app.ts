/**
 * `npm run package [-- [--app-id GUID] [--out PATH]]`: builds the Teams app zip.
 *
 * Takes manifest/manifest.json, puts the bot's Microsoft App ID into `bots[0].botId` (nothing
 * else changes), validates the result offline against the official schema bundled in
 * @microsoft/app-manifest, checks the icons, and writes manifest/build/tugibot.zip with every
 * file at the root of the zip. The app id comes from MicrosoftAppId (through loadConfig());
 * `--app-id` overrides it, e.g. for a local package for the Agents Playground.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AdmZip from 'adm-zip';
import type { AppManifest } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/shared/errors.js';

export const MANIFEST_DIR = fileURLToPath(new URL('../manifest/', import.meta.url));
export const DEFAULT_OUT = join(MANIFEST_DIR, 'build', 'tugibot.zip');
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
export const MANIFEST_SCHEMA_URL = 'https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json';
export const LOCALIZATION_SCHEMA_URL = 'https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.Localization.schema.json';
export const ICON_SIZES = { color: 192, outline: 32 } as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parts of the manifest this script reads; the schema checks the rest. */
export interface Manifest {
  $schema?: string;
  icons?: { color?: string; outline?: string };
  bots?: { botId?: string; commandLists?: { scopes?: string[]; commands?: { title?: string; description?: string }[] }[] }[];
  localizationInfo?: { defaultLanguageTag?: string; additionalLanguages?: { languageTag?: string; file?: string }[] };
  [key: string]: unknown;
}

/** The files that go into the zip next to manifest.json, by their name in the zip. */
export type PackageFiles = ReadonlyMap<string, Buffer>;

export function readTemplate(dir = MANIFEST_DIR): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** Reads the icons and localization files the manifest names. A missing file is left out; iconProblems() reports it. */
export function readPackageFiles(manifest: Manifest, dir = MANIFEST_DIR): Map<string, Buffer> {
  const names = [manifest.icons?.color, manifest.icons?.outline, ...(manifest.localizationInfo?.additionalLanguages ?? []).map((language) => language.file)];
  const files = new Map<string, Buffer>();
  for (const name of names) {
    if (!name || files.has(name)) continue;
    try {
      files.set(name, readFileSync(join(dir, name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files;
}

/** A copy of the template with `bots[0].botId` set to the app id; nothing else changes. */
export function buildManifest(appId: string, template: Manifest = readTemplate()): Manifest {
  if (!GUID.test(appId)) throw new Error(`The bot's app id must be a GUID, got "${appId}".`);
  if (appId === PLACEHOLDER_BOT_ID) throw new Error('The bot\'s app id must not be the placeholder GUID.');
  const manifest = structuredClone(template);
  const bot = manifest.bots?.[0];
  if (!bot) throw new Error('manifest.json has no bots[0] to put the app id into.');
  if (bot.botId !== PLACEHOLDER_BOT_ID) {
    throw new Error(`manifest.json must keep the placeholder ${PLACEHOLDER_BOT_ID} as bots[0].botId; the real id is put in at packaging.`);
  }
  bot.botId = appId;
  return manifest;
}

/**
 * Problems with the manifest and its localization files, checked against the official JSON
 * schemas bundled in @microsoft/app-manifest (no network), plus what the schema cannot see:
 * every localization key points at a string in the manifest and every command is translated.
 */
export async function validateManifest(manifest: Manifest, files: PackageFiles = new Map()): Promise<string[]> {
  const problems = await schemaProblems('manifest.json', manifest, MANIFEST_SCHEMA_URL);
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    if (!language.file) continue;
    const content = files.get(language.file);
    if (!content) {
      problems.push(`${language.file}: the localization file for "${language.languageTag}" is missing`);
      continue;
    }
    const strings = parseJson(language.file, content, problems);
    if (!strings) continue;
    problems.push(...await schemaProblems(language.file, strings, LOCALIZATION_SCHEMA_URL));
    problems.push(...localizationProblems(language.file, manifest, strings));
  }
  return problems;
}

async function schemaProblems(file: string, document: Record<string, unknown>, expectedSchema: string): Promise<string[]> {
  // Only the bundled schemas are used: any other $schema would make the library fetch one.
  if (document.$schema !== expectedSchema) return [`${file}: $schema must be ${expectedSchema}, got ${JSON.stringify(document.$schema)}`];
  try {
    // Loaded on first use: importing this file (e.g. for the icon checks) does not need it.
    const { AppManifestUtils } = await import('@microsoft/app-manifest');
    const schema = repairPatterns(await AppManifestUtils.fetchSchema(expectedSchema));
    const errors = await AppManifestUtils.validateAgainstSchema(document as unknown as AppManifest, schema);
    return errors.map((error) => `${file}: ${error.startsWith(' ') ? `(root)${error}` : error}`);
  } catch (cause) {
    return [`${file}: could not be checked against ${expectedSchema}: ${(cause as Error).message}`];
  }
}

/**
 * The official localization schemas write two key patterns with an unescaped "]"
 * (`activities.activityTypes\[\b(...)\b]`), which JavaScript rejects in the unicode mode ajv
 * uses (MicrosoftDocs/msteams-docs#8858). Escaping a "]" that closes no character class keeps
 * what the pattern matches and lets the schema compile; valid patterns are left alone.
 */
export function repairPatterns<T>(schema: T): T {
  const repair = (pattern: string): string => (compiles(pattern) ? pattern : escapeLoneBrackets(pattern));
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, repair(value)];
      if (key === 'patternProperties' && value !== null && typeof value === 'object') {
        return [key, Object.fromEntries(Object.entries(value).map(([pattern, sub]) => [repair(pattern), walk(sub)]))];
      }
      return [key, walk(value)];
    }));
  };
  return walk(schema) as T;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function escapeLoneBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      out += char + (pattern[index + 1] ?? '');
      index++;
    } else if (char === '[') {
      inClass = true;
      out += char;
    } else if (char === ']') {
      out += inClass ? char : '\\]';
      inClass = false;
    } else {
      out += char;
    }
  }
  return out;
}

function parseJson(file: string, content: Buffer, problems: string[]): Record<string, unknown> | undefined {
  try {
    return JSON.parse(content.toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    problems.push(`${file}: is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

function localizationProblems(file: string, manifest: Manifest, strings: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(strings)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (typeof valueAt(manifest, key) !== 'string') problems.push(`${file}: "${key}" does not name a text in manifest.json`);
  }
  (manifest.bots?.[0]?.commandLists ?? []).forEach((list, listIndex) => {
    (list.commands ?? []).forEach((_command, commandIndex) => {
      for (const field of ['title', 'description']) {
        const key = `bots[0].commandLists[${listIndex}].commands[${commandIndex}].${field}`;
        if (!(key in strings)) problems.push(`${file}: "${key}" is not translated`);
      }
    });
  });
  return problems;
}

/** Follows a localization key such as `bots[0].commandLists[1].commands[2].title` into the manifest. */
function valueAt(manifest: Manifest, key: string): unknown {
  let value: unknown = manifest;
  for (const part of key.split(/[.[\]]+/).filter(Boolean)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Problems with the icons: both present, PNG, the right pixel sizes; the outline white on transparent. */
export function iconProblems(manifest: Manifest, files: PackageFiles): string[] {
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const name = manifest.icons?.[kind];
    if (!name) continue; // the schema reports a missing icon entry
    const content = files.get(name);
    if (!content) {
      problems.push(`${name}: the ${kind} icon file is missing`);
      continue;
    }
    let png: ReturnType<typeof PNG.sync.read>;
    try {
      png = PNG.sync.read(content);
    } catch (error) {
      problems.push(`${name}: is not a readable PNG (${(error as Error).message})`);
      continue;
    }
    const size = ICON_SIZES[kind];
    if (png.width !== size || png.height !== size) problems.push(`${name}: the ${kind} icon must be ${size}x${size} pixels, it is ${png.width}x${png.height}`);
    if (kind === 'outline') problems.push(...outlineProblems(name, png));
  }
  return problems;
}

function outlineProblems(name: string, png: ReturnType<typeof PNG.sync.read>): string[] {
  if (!png.alpha) return [`${name}: the outline icon must have an alpha channel (transparent background)`];
  let transparent = 0;
  let coloured = 0;
  for (let index = 0; index < png.data.length; index += 4) {
    const [r, g, b, a] = png.data.subarray(index, index + 4);
    if (a < 255) transparent++;
    if (a > 0 && (r < 250 || g < 250 || b < 250)) coloured++;
  }
  const problems: string[] = [];
  if (transparent === 0) problems.push(`${name}: the outline icon must have a transparent background, every pixel is opaque`);
  if (coloured > 0) problems.push(`${name}: the outline icon must be white only, ${coloured} visible pixels are not white`);
  return problems;
}

/** Writes the zip with manifest.json and the files at its root; returns the path. */
export function writePackage(manifest: Manifest, files: PackageFiles, outPath = DEFAULT_OUT): string {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const [name, content] of files) zip.addFile(name, content);
  mkdirSync(dirname(outPath), { recursive: true });
  zip.writeZip(outPath);
  return outPath;
}

export interface PackageOptions {
  /** The environment handed to loadConfig(); loadConfig's own default (the process) when left out. */
  env?: Record<string, string | undefined>;
  outPath?: string;
  manifestDir?: string;
  log?: (line: string) => void;
  error?: (line: string) => void;
}

/** The command line: returns the exit code (0 written, 1 invalid package, 2 usage or configuration). */
export async function packageApp(argv: readonly string[], options: PackageOptions = {}): Promise<number> {
  const { log = console.log, error = console.error, manifestDir = MANIFEST_DIR } = options;
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    error(args);
    return 2;
  }
  const appId = resolveAppId(args.appId, options.env, error);
  if (!appId) return 2;

  let manifest: Manifest;
  try {
    manifest = buildManifest(appId, readTemplate(manifestDir));
  } catch (cause) {
    error((cause as Error).message);
    return 2;
  }
  const files = readPackageFiles(manifest, manifestDir);
  const problems = [...await validateManifest(manifest, files), ...iconProblems(manifest, files)];
  if (problems.length > 0) {
    error(`The Teams app package is not valid:\n  - ${problems.join('\n  - ')}`);
    return 1;
  }
  log(`Bot id ${appId} (${args.appId ? '--app-id' : 'MicrosoftAppId'}); manifest valid against ${MANIFEST_SCHEMA_URL}`);
  log(writePackage(manifest, files, args.outPath ?? options.outPath ?? DEFAULT_OUT));
  return 0;
}

function parseArgs(argv: readonly string[]): { appId?: string; outPath?: string } | string {
  const usage = 'Usage: npm run package [-- --app-id GUID] [--out PATH]';
  const result: { appId?: string; outPath?: string } = {};
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split(/=(.*)/s, 2);
    if (flag !== '--app-id' && flag !== '--out') return `Unknown option ${argv[index]}. ${usage}`;
    const value = inline ?? argv[++index];
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value. ${usage}`;
    if (flag === '--app-id') result.appId = value.trim();
    else result.outPath = value;
  }
  return result;
}

function resolveAppId(fromFlag: string | undefined, env: PackageOptions['env'], error: (line: string) => void): string | undefined {
  let configured: string;
  try {
    configured = loadConfig(env).bot.appId;
  } catch (cause) {
    if (!(cause instanceof ConfigError)) throw cause;
    error(cause.message);
    return undefined;
  }
  const appId = fromFlag || configured;
  if (!appId) {
    error(
      'Cannot package the Teams app: MicrosoftAppId is empty, so there is no bot id for bots[0].botId.\n'
      + 'Set MicrosoftAppId to the bot registration\'s app id, or for a local package (Agents Playground) pass one:\n'
      + '  npm run package -- --app-id 11111111-2222-3333-4444-555555555555',
    );
    return undefined;
  }
  return appId;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await packageApp(process.argv.slice(2));
}
