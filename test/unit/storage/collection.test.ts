import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

interface Item { id: string; state: string }

describe('Collection', () => {
  const temp = useTempDataDir('tugibot-coll-');

  it('rewrites archived records in place (retention), losing nothing appended meanwhile', async () => {
    const dataDir = await temp.open();
    const items = await dataDir.collection<Item>('items', { shards: 2, segmentSize: 3 });
    for (let i = 0; i < 7; i += 1) await items.append({ id: `a${i}`, state: `secret ${i}` });
    const [changed] = await Promise.all([
      items.rewriteArchived((item) => (Number(item.id.slice(1)) % 2 === 0 ? { ...item, state: 'masked' } : undefined)),
      items.append({ id: 'late', state: 'secret late' }),
    ]);
    expect(changed.sort()).toEqual(['a0', 'a2', 'a4', 'a6']);
    await dataDir.close();

    const reopened = await temp.open();
    const again = await reopened.collection<Item>('items', { shards: 2, segmentSize: 3 });
    const all = [];
    for await (const item of again.archived()) all.push(item);
    expect(all.map((item) => `${item.id}:${item.state}`).sort()).toEqual(['a0:masked', 'a1:secret 1', 'a2:masked', 'a3:secret 3', 'a4:masked', 'a5:secret 5', 'a6:masked', 'late:secret late']);
    await reopened.close();
  });

  it('keeps live records in shards and finished ones in bounded archive segments', async () => {
    const dataDir = await temp.open();
    const items = await dataDir.collection<Item>('items', { shards: 4, segmentSize: 10 });
    for (let i = 0; i < 25; i += 1) await items.put({ id: `i${i}`, state: 'open' });
    for (let i = 0; i < 25; i += 1) await items.archive({ id: `i${i}`, state: 'closed' });
    await items.put({ id: 'live', state: 'open' });
    await dataDir.close();

    const files = readdirSync(join(temp.path, 'items')).sort();
    expect(files.filter((name) => name.startsWith('archive-'))).toEqual(['archive-000001.json', 'archive-000002.json', 'archive-000003.json']);
    // Shards that emptied are deleted: only the one holding 'live' is left.
    expect(files.filter((name) => name.startsWith('live-'))).toHaveLength(1);

    const reopened = await temp.open();
    const again = await reopened.collection<Item>('items', { shards: 4, segmentSize: 10 });
    expect(again.liveRecords()).toEqual([{ id: 'live', state: 'open' }]);
    expect(again.archivedCount).toBe(25);
    expect(await again.get('i3')).toEqual({ id: 'i3', state: 'closed' });
    expect((await again.recentArchived(2)).map((item) => item.id)).toEqual(['i24', 'i23']);
    await expect(again.put({ id: 'i3', state: 'open' })).rejects.toThrow(/archived/);
    await reopened.close();
  });

  it('opens through the archive index without reading the history, and builds a missing index once', async () => {
    const dataDir = await temp.open();
    const items = await dataDir.collection<Item>('items', { shards: 2, segmentSize: 10 });
    for (let i = 0; i < 35; i += 1) await items.append({ id: `i${i}`, state: 'closed' });
    await dataDir.close();
    const indexFile = join(temp.path, 'items', 'archive.index.jsonl');
    const lines = () => readFileSync(indexFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { segment: number; ids: string[] });
    expect(lines().map((line) => [line.segment, line.ids.length])).toEqual([[1, 10], [2, 10], [3, 10]]);

    // Sealed segments are not read on open: one made unreadable goes unnoticed until asked for.
    writeFileSync(join(temp.path, 'items', 'archive-000002.json'), 'not json');
    let reopened = await temp.open();
    let again = await reopened.collection<Item>('items', { shards: 2, segmentSize: 10 });
    expect(again.archivedCount).toBe(35);
    expect(again.isArchived('i15')).toBe(true);
    expect(await again.get('i34')).toEqual({ id: 'i34', state: 'closed' });
    await expect(again.get('i15')).rejects.toThrow(/archive-000002\.json.*not valid JSON/);
    await reopened.close();

    // A folder from before the index (or a line cut short by a crash) is indexed from its segments once.
    rmSync(join(temp.path, 'items', 'archive-000002.json'));
    rmSync(indexFile);
    reopened = await temp.open();
    again = await reopened.collection<Item>('items', { shards: 2, segmentSize: 10 });
    expect(again.archivedCount).toBe(25);
    await reopened.close();
    expect(lines().map((line) => line.segment)).toEqual([1, 3]);
    appendFileSync(indexFile, '{"segment":3,"ids":["i2');
    reopened = await temp.open();
    again = await reopened.collection<Item>('items', { shards: 2, segmentSize: 10 });
    expect(again.archivedCount).toBe(25);
    expect(await again.get('i22')).toEqual({ id: 'i22', state: 'closed' });
    expect(await again.get('i15')).toBeUndefined();
    await reopened.close();
    expect(lines().map((line) => line.segment)).toEqual([1, 3]);
  });

  it('moves live records to their own shard when the shard count changes', async () => {
    let dataDir = await temp.open();
    let items = await dataDir.collection<Item>('items', { shards: 4 });
    for (let i = 0; i < 60; i += 1) await items.put({ id: `i${i}`, state: `v${i}` });
    await dataDir.close();
    dataDir = await temp.open();
    items = await dataDir.collection<Item>('items', { shards: 64 });
    expect(items.liveCount).toBe(60);
    await items.put({ id: 'i7', state: 'changed' });
    await dataDir.close();
    dataDir = await temp.open();
    items = await dataDir.collection<Item>('items', { shards: 64 });
    expect(items.liveRecords().sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)))).toEqual(
      Array.from({ length: 60 }, (_, i) => ({ id: `i${i}`, state: i === 7 ? 'changed' : `v${i}` })));
    const onDisk = readdirSync(join(temp.path, 'items')).filter((name) => name.startsWith('live-'))
      .flatMap((name) => (JSON.parse(readFileSync(join(temp.path, 'items', name), 'utf8')) as { records: Item[] }).records);
    expect(onDisk).toHaveLength(60);
    await dataDir.close();
  });

  it('returns copies, so callers cannot change stored data by accident', async () => {
    const dataDir = await temp.open();
    const items = await dataDir.collection<Item>('items');
    await items.put({ id: 'a', state: 'open' });
    const copy = items.getLive('a') as Item;
    copy.state = 'changed';
    expect(items.getLive('a')?.state).toBe('open');
    await dataDir.close();
  });
});

describe('Collection.appendMany', () => {
  const temp = useTempDataDir('tugibot-coll-');

  it('appends a batch in order across bounded segments, found after reopening; a batch with a live, archived or repeated id writes nothing', async () => {
    const dataDir = await temp.open();
    const items = await dataDir.collection<Item>('items', { shards: 2, segmentSize: 10 });
    await items.append({ id: 'first', state: 'closed' });
    await items.appendMany(Array.from({ length: 24 }, (_, i) => ({ id: `b${i}`, state: 'closed' })));
    await items.put({ id: 'live', state: 'open' });
    await expect(items.appendMany([{ id: 'x1', state: 'closed' }, { id: 'live', state: 'closed' }])).rejects.toThrow(/live is live/);
    await expect(items.appendMany([{ id: 'x2', state: 'closed' }, { id: 'b3', state: 'closed' }])).rejects.toThrow(/b3 is already archived/);
    await expect(items.appendMany([{ id: 'x3', state: 'closed' }, { id: 'x3', state: 'closed' }])).rejects.toThrow(/x3 is already archived/);
    await dataDir.close();
    const segments = readdirSync(join(temp.path, 'items')).filter((name) => name.startsWith('archive-')).sort();
    expect(segments.map((name) => (JSON.parse(readFileSync(join(temp.path, 'items', name), 'utf8')) as { records: Item[] }).records.length)).toEqual([10, 10, 5]);

    const reopened = await temp.open();
    const again = await reopened.collection<Item>('items', { shards: 2, segmentSize: 10 });
    const order = [];
    for await (const item of again.archived()) order.push(item.id);
    expect(order).toEqual(['first', ...Array.from({ length: 24 }, (_, i) => `b${i}`)]);
    expect(await again.get('b13')).toEqual({ id: 'b13', state: 'closed' });
    expect(again.isArchived('x1') || again.isArchived('x2') || again.isArchived('x3')).toBe(false);
    await reopened.close();
  });
});

describe('Collection.removeLiveMany', () => {
  const temp = useTempDataDir('tugibot-coll-many-');

  it('removes many live records at once and keeps the rest', async () => {
    const dataDir = await temp.open();
    const items = await dataDir.collection<Item>('items', { shards: 4 });
    for (let i = 0; i < 40; i += 1) await items.put({ id: `i${i}`, state: 'open' });
    await items.removeLiveMany(Array.from({ length: 30 }, (_, i) => `i${i}`).concat(['missing']));
    await dataDir.close();
    const again = await temp.open();
    const reopened = await again.collection<Item>('items', { shards: 4 });
    expect(reopened.liveRecords().map((item) => item.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `i${i + 30}`).sort());
    await again.close();
  });
});
