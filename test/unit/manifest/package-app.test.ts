import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import './app-manifest-in-jest.js';
import AdmZip from 'adm-zip';
import {
  buildManifest, MANIFEST_DIR, packageApp, PLACEHOLDER_BOT_ID, readPackageFiles, readTemplate, validateManifest, writePackage,
  type Manifest,
} from '../../../scripts/package-app.js';
import { withoutNetwork } from './offline.js';

const APP_ID = '3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60';
const template = readTemplate();
const workDir = mkdtempSync(join(tmpdir(), 'tugibot-package-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function capture() {
  const lines = { log: [] as string[], error: [] as string[] };
  return { lines, log: (line: string) => lines.log.push(line), error: (line: string) => lines.error.push(line) };
}

describe('buildManifest', () => {
  it('puts the app id into bots[0].botId and changes nothing else', () => {
    const built = buildManifest(APP_ID, template);
    expect(built.bots?.[0]?.botId).toBe(APP_ID);
    const restored = structuredClone(built) as Manifest & { bots: { botId: string }[] };
    restored.bots[0].botId = PLACEHOLDER_BOT_ID;
    expect(restored).toEqual(template);
    expect(template.bots?.[0]?.botId).toBe(PLACEHOLDER_BOT_ID);
  });

  it('refuses an app id that is not a GUID, or is the placeholder', () => {
    expect(() => buildManifest('tugibot', template)).toThrow('must be a GUID, got "tugibot"');
    expect(() => buildManifest(PLACEHOLDER_BOT_ID, template)).toThrow('must not be the placeholder');
  });

  it('refuses a template whose botId is not the placeholder', () => {
    const filled = buildManifest(APP_ID, template);
    expect(() => buildManifest(APP_ID, filled)).toThrow(`must keep the placeholder ${PLACEHOLDER_BOT_ID}`);
  });
});

describe('writePackage', () => {
  it('writes manifest.json, the icons and en.json at the root of the zip', async () => {
    const manifest = buildManifest(APP_ID, template);
    const files = readPackageFiles(manifest);
    const path = writePackage(manifest, files, join(workDir, 'nested', 'tugibot.zip'));
    const zip = new AdmZip(path);
    expect(zip.getEntries().map((entry) => entry.entryName).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(zip.readAsText('manifest.json')) as Manifest;
    expect(packed.bots?.[0]?.botId).toBe(APP_ID);
    expect(zip.readFile('outline.png')?.equals(readFileSync(join(MANIFEST_DIR, 'outline.png')))).toBe(true);
    expect(await validateManifest(packed, files)).toEqual([]);
  });
});

describe('packageApp (npm run package)', () => {
  it('refuses to package when MicrosoftAppId is empty and no --app-id is given', async () => {
    const out = capture();
    const code = await packageApp([], { env: { MicrosoftAppId: '' }, outPath: join(workDir, 'refused.zip'), log: out.log, error: out.error });
    expect(code).toBe(2);
    expect(out.lines.error.join('\n')).toContain('MicrosoftAppId is empty');
    expect(out.lines.error.join('\n')).toContain('--app-id');
    expect(out.lines.log).toEqual([]);
  });

  it('uses MicrosoftAppId from the configuration and prints the path, without the network', async () => {
    const out = capture();
    const outPath = join(workDir, 'configured.zip');
    const env = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' };
    const { result, fetched } = await withoutNetwork(() => packageApp([], { env, outPath, log: out.log, error: out.error }));
    expect({ result, fetched, errors: out.lines.error }).toEqual({ result: 0, fetched: [], errors: [] });
    expect(out.lines.log.at(-1)).toBe(outPath);
    expect((JSON.parse(new AdmZip(outPath).readAsText('manifest.json')) as Manifest).bots?.[0]?.botId).toBe(APP_ID);
  });

  it('lets --app-id stand in for an empty MicrosoftAppId, for local packages', async () => {
    const out = capture();
    const outPath = join(workDir, 'local.zip');
    expect(await packageApp(['--app-id', APP_ID, '--out', outPath], { env: {}, log: out.log, error: out.error })).toBe(0);
    expect((JSON.parse(new AdmZip(outPath).readAsText('manifest.json')) as Manifest).bots?.[0]?.botId).toBe(APP_ID);
  });

  it('exits non-zero with the list of problems when the manifest is invalid', async () => {
    const out = capture();
    const brokenDir = mkdtempSync(join(workDir, 'broken-'));
    const broken = { ...template, accentColor: 'blue' };
    writeFileSync(join(brokenDir, 'manifest.json'), JSON.stringify(broken));
    for (const name of ['color.png', 'en.json']) copyFileSync(join(MANIFEST_DIR, name), join(brokenDir, name));
    const code = await packageApp(['--app-id', APP_ID], { env: {}, manifestDir: brokenDir, outPath: join(brokenDir, 'x.zip'), log: out.log, error: out.error });
    expect(code).toBe(1);
    expect(out.lines.error).toEqual([expect.stringContaining('The Teams app package is not valid:')]);
    expect(out.lines.error[0]).toContain('manifest.json: /accentColor must match pattern');
    expect(out.lines.error[0]).toContain('outline.png: the outline icon file is missing');
  });

  it('names a bad option or a bad app id', async () => {
    const out = capture();
    expect(await packageApp(['--appid', APP_ID], { env: {}, log: out.log, error: out.error })).toBe(2);
    expect(await packageApp(['--app-id'], { env: {}, log: out.log, error: out.error })).toBe(2);
    expect(await packageApp(['--app-id', 'not-a-guid'], { env: {}, log: out.log, error: out.error })).toBe(2);
    expect(out.lines.error).toEqual([
      expect.stringContaining('Unknown option --appid'),
      expect.stringContaining('--app-id needs a value'),
      expect.stringContaining('must be a GUID, got "not-a-guid"'),
    ]);
  });

  it('refuses from the command line too, with a non-zero exit', () => {
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/package-app.ts'], {
      cwd: join(MANIFEST_DIR, '..'),
      env: { ...process.env, MicrosoftAppId: '', NODE_ENV: 'development' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('MicrosoftAppId is empty');
    expect(run.stdout).toBe('');
  });
});
