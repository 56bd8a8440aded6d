import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/shared/logger.js';
import { KnowledgeBase } from '../../../src/features/knowledge/knowledge-base.js';
import { FIXTURE_KB, THRESHOLDS } from './knowledge-test-kit.js';

let dir: string;
let base: KnowledgeBase | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-base-'));
  await cp(FIXTURE_KB, dir, { recursive: true });
});
afterEach(async () => {
  base?.close();
  base = undefined;
  await rm(dir, { recursive: true, force: true });
});

const open = async (pollIntervalMs = 0) => {
  base = await KnowledgeBase.open({ dir, logger: silentLogger(), thresholds: THRESHOLDS, pollIntervalMs });
  return base;
};

async function editTestArticle(change: (text: string) => string): Promise<void> {
  const file = join(dir, 'star-testkeskkond.md');
  await writeFile(file, change(await readFile(file, 'utf8')));
}

const aprilFools = (text: string) => text.replace('  - testkeskkond', '  - testkeskkond\n  - kaelkirjak');

describe('KnowledgeBase', () => {
  it('loads the articles, is ready and answers in the asked language', async () => {
    const kb = await open();
    expect(kb.ready).toBe(true);
    expect(kb.notReadyReason).toBeUndefined();
    expect(kb.readiness()).toBe(true);
    expect(kb.articleCount).toBe(6);
    expect(kb.search('unustasin STARi parooli').results[0].id).toBe('star-parool');
    expect(kb.article('star-parool', 'en')?.id).toBe('star-parool-en');
    expect(kb.article('star-testkeskkond', 'en')?.id).toBe('star-testkeskkond');
    expect(kb.articleById('star-parool-en')?.lang).toBe('en');
  });

  it('picks up a changed article on reload', async () => {
    const kb = await open();
    expect(kb.search('kaelkirjak').decision).toBe('none');
    await editTestArticle(aprilFools);
    expect(await kb.reload()).toBe('loaded');
    expect(kb.search('kaelkirjak').results[0]?.id).toBe('star-testkeskkond');
    expect(await kb.reload()).toBe('unchanged');
  });

  it('notices a change by itself when watching the folder', async () => {
    const kb = await open(50);
    await editTestArticle(aprilFools);
    const deadline = Date.now() + 5000;
    while (kb.search('kaelkirjak').decision === 'none' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(kb.search('kaelkirjak').results[0]?.id).toBe('star-testkeskkond');
  });

  it('keeps the last good index when a changed article is broken', async () => {
    const kb = await open();
    await editTestArticle((text) => aprilFools(text).replace('system: STAR', 'system: [katki'));
    expect(await kb.reload()).toBe('kept-previous');
    expect(kb.ready).toBe(true);
    expect(kb.articleCount).toBe(6);
    expect(kb.search('STARi testkeskkonna konto').results[0].id).toBe('star-testkeskkond');
    await editTestArticle((text) => text.replace('system: [katki', 'system: STAR'));
    expect(await kb.reload()).toBe('loaded');
    expect(kb.search('kaelkirjak').results[0]?.id).toBe('star-testkeskkond');
  });

  it('starts without the broken files and reports when nothing could be loaded', async () => {
    await editTestArticle(() => 'no front matter');
    const kb = await open();
    expect(kb.ready).toBe(true);
    expect(kb.articleCount).toBe(5);
    base?.close();
    base = await KnowledgeBase.open({ dir: join(dir, 'puudub'), logger: silentLogger(), thresholds: THRESHOLDS, pollIntervalMs: 0 });
    expect(base.ready).toBe(false);
    expect(base.notReadyReason).toMatch(/cannot read/);
    expect(base.readiness()).toMatch(/cannot read/);
    expect(base.search('parool')).toEqual({ decision: 'none', results: [], systems: [] });
  });
});
