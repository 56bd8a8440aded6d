import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptySections, lintKnowledge } from '../../../src/features/knowledge/lint-knowledge.js';
import { FIXTURE_KB } from './knowledge-test-kit.js';

function article(fields: Record<string, string>, body = 'Tekst.'): string {
  const front = {
    id: 'star-naide',
    title: 'Näide',
    system: 'STAR',
    lang: 'et',
    phrasings: '\n  - kuidas teha',
    keywords: '\n  - näide',
    updated: '2026-11-20',
    owner: 'kasutajatugi',
    sources: '\n  - https://www.sm.ee/et/kkk',
    ...fields,
  };
  const yaml = Object.entries(front).filter(([, value]) => value !== '').map(([key, value]) => `${key}: ${value}`).join('\n');
  return `---\n${yaml}\n---\n${body}\n`;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-lint-'));
  await mkdir(join(dir, 'en'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lintWith(files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return lintKnowledge(dir);
}

const messages = (problems: Array<{ file: string; message: string }>) => problems.map((problem) => `${problem.file}: ${problem.message}`);

describe('lintKnowledge', () => {
  it('passes the fixture base, ignoring drafts and README.md', async () => {
    expect(await lintKnowledge(FIXTURE_KB)).toEqual([]);
  });

  it('reports front matter that breaks the schema', async () => {
    const problems = messages(await lintWith({ 'star-naide.md': article({ title: '', phrasings: '[]', updated: 'eile', colour: 'red' }) }));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('title'),
      expect.stringContaining('phrasings: must list at least one question'),
      expect.stringContaining('updated: must be a date'),
      expect.stringMatching(/colour/),
    ]));
  });

  it('reports a file without front matter or with broken YAML', async () => {
    const problems = messages(await lintWith({ 'star-naide.md': 'Lihtsalt tekst.', 'star-teine.md': '---\nid: [katki\n---\nTekst' }));
    expect(problems).toEqual(expect.arrayContaining([
      'star-naide.md: has no front matter (a --- block at the top)',
      expect.stringMatching(/^star-teine\.md: the front matter is not valid YAML/),
    ]));
  });

  it('reports unknown systems', async () => {
    expect(messages(await lintWith({ 'star-naide.md': article({ system: 'EESTI' }) }))).toEqual(['star-naide.md: system: must be one of SKAIS, STAR, general']);
  });

  it('reports duplicate ids', async () => {
    const problems = messages(await lintWith({ 'star-naide.md': article({}), 'star-koopia.md': article({}) }));
    expect(problems).toContain('star-naide.md: duplicate id star-naide: also used by star-koopia.md');
  });

  it('reports empty bodies and empty sections', async () => {
    const problems = messages(await lintWith({
      'star-naide.md': article({}, '   '),
      'star-teine.md': article({ id: 'star-teine' }, '## Sissejuhatus\n\n## Sammud\n\nTee nii.\n\n## Lõpp\n'),
    }));
    expect(problems).toEqual(expect.arrayContaining([
      'star-naide.md: the body is empty',
      'star-teine.md: the section "Sissejuhatus" is empty',
      'star-teine.md: the section "Lõpp" is empty',
    ]));
    expect(problems.some((problem) => problem.includes('Sammud'))).toBe(false);
  });

  it('reports a sources line of the body and article ids in the text, but not in links or addresses', async () => {
    const problems = messages(await lintWith({
      'star-naide.md': article({}, 'Vaata ka [sisselogimine](star-teine.md) ja https://x.ee/star-teine.\n\nAllikas: STARi KKK.'),
      'star-teine.md': article({ id: 'star-teine', title: 'Teine' }),
      'en/star-teine.md': article({ id: 'star-teine-en', lang: 'en', translationOf: 'star-teine' }, 'Estonian version: _star-teine_'),
    }));
    expect(problems).toEqual([
      'en/star-teine.md: the body names the article id star-teine: people see titles, so write "Teine" instead',
      'star-naide.md: the body has its own sources line: the card already shows the front matter\'s sources, so remove it',
    ]);
  });

  it('reports translations of missing articles and English articles without translationOf', async () => {
    const problems = messages(await lintWith({
      'en/star-puudub.md': article({ id: 'star-puudub-en', lang: 'en', translationOf: 'star-puudub' }),
      'en/star-naide.md': article({ id: 'star-naide-en', lang: 'en' }),
    }));
    expect(problems).toEqual(expect.arrayContaining([
      'en/star-puudub.md: translationOf: there is no article star-puudub',
      expect.stringMatching(/^en\/star-naide\.md: translationOf is missing/),
    ]));
  });

  it('reports malformed addresses and links to missing articles', async () => {
    const problems = messages(await lintWith({
      'star-naide.md': article(
        { links: '\n  - title: Katki\n    url: htp:/katki', sources: '\n  - https://exa mple.ee/leht\n  - SKA ametijuhend' },
        'Vaata [seda](star-puudub.md), [seda](https://sm.ee/et/kkk) ja [seda](http://katki).',
      ),
    }));
    expect(problems).toEqual(expect.arrayContaining([
      'star-naide.md: links: "htp:/katki" is not a valid http(s) address',
      'star-naide.md: sources: "https://exa mple.ee/leht" is not a valid http(s) address',
      'star-naide.md: the body links to "star-puudub.md", which is not an article',
      'star-naide.md: the body links to "http://katki", which is not a valid http(s) address',
    ]));
    expect(problems).toHaveLength(4);
  });

  it('reports a language that does not fit the folder and a file named unlike its id', async () => {
    const problems = messages(await lintWith({ 'star-muu.md': article({ lang: 'en', translationOf: 'star-x' }) }));
    expect(problems).toEqual(expect.arrayContaining([
      'star-muu.md: lang is en, but files in the top folder must be et',
    ]));
    const named = messages(await lintWith({ 'star-muu.md': article({}) }));
    expect(named).toContain('star-muu.md: the file should be named star-naide.md, after its id');
  });
});

describe('emptySections', () => {
  it('accepts a heading whose text is in its subsections', () => {
    expect(emptySections('# Üld\n## Osa\nTekst')).toEqual([]);
    expect(emptySections('```\n# not a heading\n```\n# Tühi')).toEqual(['Tühi']);
  });
});
