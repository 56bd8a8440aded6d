import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { addPhrasing, yamlScalar } from '../../../src/features/knowledge/add-phrasing.js';
import { PhrasingWriter, temporaryFileOf } from '../../../src/features/knowledge/write-phrasing.js';

const ARTICLE = [
  '---',
  'id: star-parool',
  'title: STARi parool',
  'system: STAR',
  'lang: et',
  'phrasings:',
  '  - unustasin parooli',
  '  - "parool: aegus"',
  'keywords:',
  '  - parool',
  'updated: 2026-11-26',
  'owner: kasutajatugi',
  'sources:',
  '  - STARi KKK',
  '---',
  'Parooli vahetamiseks **vajuta** „Unustasin parooli“.',
  '',
].join('\n');

describe('addPhrasing', () => {
  it('adds the question as the last phrasing and leaves every other byte alone', () => {
    const edited = addPhrasing(ARTICLE, 'kuidas STARi parooli vahetada');
    expect(edited).toBe(ARTICLE.replace('  - "parool: aegus"\n', '  - "parool: aegus"\n  - kuidas STARi parooli vahetada\n'));
  });

  it('keeps Windows line endings and lists written without indentation', () => {
    const crlf = ARTICLE.replace('  - unustasin', '- unustasin').replace('  - "parool', '- "parool').split('\n').join('\r\n');
    const edited = addPhrasing(crlf, 'uus');
    expect(edited).toBe(crlf.replace('- "parool: aegus"\r\n', '- "parool: aegus"\r\n- uus\r\n'));
  });

  it.each([
    'kas parool: vaja?', '#parool', 'yes', '123', '"tsitaat"', 'mis on [isikukood] staatus', '- loetelu', 'Kas STAR # töötab', 'parool töötab?',
  ])('writes %j so that YAML reads it back unchanged', (question) => {
    expect(matter(addPhrasing(ARTICLE, question), {}).data.phrasings).toEqual(['unustasin parooli', 'parool: aegus', question]);
  });

  it('quotes only what needs it', () => {
    expect(yamlScalar('kuidas STARi parooli vahetada?')).toBe('kuidas STARi parooli vahetada?');
    expect(yamlScalar('true')).toBe('"true"');
  });

  it('refuses a file without a phrasings block list', () => {
    expect(() => addPhrasing(ARTICLE.replace(/phrasings:\n( {2}- .*\n)+/, 'phrasings: [a, b]\n'), 'x')).toThrow(/phrasings/);
    expect(() => addPhrasing('no front matter', 'x')).toThrow(/front matter/);
  });
});

describe('PhrasingWriter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-write-'));
    await writeFile(join(dir, 'star-parool.md'), ARTICLE);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the phrasing once and leaves no temporary file', async () => {
    const writer = new PhrasingWriter(dir);
    await expect(writer.add('star-parool.md', 'parool on kadunud')).resolves.toBe('added');
    await expect(writer.add('star-parool.md', 'Parool on kadunud')).resolves.toBe('already-there');
    expect(await readFile(join(dir, 'star-parool.md'), 'utf8')).toBe(ARTICLE.replace('aegus"\n', 'aegus"\n  - parool on kadunud\n'));
    expect(await readdir(dir)).toEqual(['star-parool.md']);
  });

  it('runs concurrent writes one after the other, so none is lost', async () => {
    const writer = new PhrasingWriter(dir);
    await Promise.all(['üks', 'kaks', 'kolm'].map((question) => writer.add('star-parool.md', question)));
    const { phrasings } = matter(await readFile(join(dir, 'star-parool.md'), 'utf8'), {}).data as { phrasings: string[] };
    expect(phrasings.slice(2).sort()).toEqual(['kaks', 'kolm', 'üks']);
  });

  it('fails without touching the file when the write cannot complete', async () => {
    await mkdir(temporaryFileOf(join(dir, 'star-parool.md')));
    await expect(new PhrasingWriter(dir).add('star-parool.md', 'uus')).rejects.toThrow();
    expect(await readFile(join(dir, 'star-parool.md'), 'utf8')).toBe(ARTICLE);
  });

  it('fails on a missing or broken article file', async () => {
    const writer = new PhrasingWriter(dir);
    await expect(writer.add('star-puudub.md', 'uus')).rejects.toThrow(/ENOENT/);
    await writeFile(join(dir, 'star-parool.md'), ARTICLE.replace('system: STAR', 'system: ABC'));
    await expect(writer.add('star-parool.md', 'uus')).rejects.toThrow(/broken/);
  });
});
