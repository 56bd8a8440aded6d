import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversationAddress } from '../../../src/shared/messaging.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { LowdbConversationStore } from '../../../src/storage/lowdb-conversation-store.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const CHANNEL_ID = '19:specialists@thread.tacv2';

function personal(n: number, extra: Partial<ConversationAddress> = {}): ConversationAddress {
  return {
    channel: 'msteams', serviceUrl: 'https://smba.example/emea/', tenantId: 't', conversationId: `a:chat-${n}`, kind: 'personal',
    user: { teamsId: `29:user-${n}`, aadObjectId: `AAAA0000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Person ${n}` },
    bot: { id: '28:bot' }, locale: 'et-EE', ...extra,
  };
}

const channelThread: ConversationAddress = {
  channel: 'msteams', serviceUrl: 'https://smba.example/emea/', conversationId: `${CHANNEL_ID};messageid=123`, kind: 'channel',
  teamId: '19:team@thread.tacv2', channelId: CHANNEL_ID, bot: { id: '28:bot' },
};

describe('LowdbConversationStore', () => {
  const temp = useTempDataDir('tugibot-conv-');
  let dataDir: DataDir;
  const open = async () => {
    dataDir = await temp.open();
    return LowdbConversationStore.open(dataDir);
  };

  it('reads a broadcast audience in batches, answering other work between them', async () => {
    const store = await open();
    for (let n = 0; n < 300; n += 1) await store.save(personal(n));
    await dataDir.close();
    const again = await open();
    let ticks = 0;
    const ticker = setInterval(() => { ticks += 1; }, 0);
    const people = await again.allPersonal();
    clearInterval(ticker);
    expect(people).toHaveLength(300);
    // A synchronous read of every shard would let no timer run until it returned.
    expect(ticks).toBeGreaterThan(0);
  });

  it('finds people (any case of their id) and channels (root, by channel or conversation id), and forgets them', async () => {
    const store = await open();
    await store.save(personal(1));
    await store.save(personal(2));
    await store.save(channelThread);
    expect((await store.personalFor('aaaa0000-0000-4000-8000-000000000001'))?.conversationId).toBe('a:chat-1');
    expect((await store.personalFor('nobody'))).toBeUndefined();
    expect((await store.channel(CHANNEL_ID))?.conversationId).toBe(CHANNEL_ID);
    expect((await store.allPersonal()).map((address) => address.conversationId).sort()).toEqual(['a:chat-1', 'a:chat-2']);

    // A new personal chat with the same person (a reinstall) is the one used; forgetting it falls back.
    await store.save(personal(1, { conversationId: 'a:chat-1-again' }));
    expect((await store.personalFor('AAAA0000-0000-4000-8000-000000000001'))?.conversationId).toBe('a:chat-1-again');
    await store.remove('a:chat-1-again');
    expect((await store.personalFor('AAAA0000-0000-4000-8000-000000000001'))?.conversationId).toBe('a:chat-1');
    await store.remove(CHANNEL_ID);
    expect((await store.channel(CHANNEL_ID))).toBeUndefined();
    await store.remove('a:never-stored');

    await dataDir.close();
    const again = await open();
    expect((await again.personalFor('aaaa0000-0000-4000-8000-000000000002'))).toEqual(personal(2));
    expect((await again.allPersonal()).map((address) => address.conversationId).sort()).toEqual(['a:chat-1', 'a:chat-2']);
  });

  it('spreads conversations so a save rewrites small files however many are stored', async () => {
    const store = await open();
    for (let n = 0; n < 1500; n += 1) await store.save(personal(n));
    const largest = (folder: string) => Math.max(...readdirSync(join(temp.path, 'conversations', folder))
      .map((name) => Object.keys(JSON.parse(readFileSync(join(temp.path, 'conversations', folder, name), 'utf8')) as object).length));
    expect(largest('by-id')).toBeLessThan(10);
    expect(largest('people')).toBeLessThan(10);
    expect((await store.personalFor(personal(1499).user?.aadObjectId as string))?.conversationId).toBe('a:chat-1499');
  });

  it('reads nothing on open: a damaged file shows only when its shard is asked for', async () => {
    let store = await open();
    await store.save(personal(7));
    await dataDir.close();
    for (const name of readdirSync(join(temp.path, 'conversations', 'people'))) writeFileSync(join(temp.path, 'conversations', 'people', name), '{');
    store = await open();
    await expect(store.personalFor(personal(7).user?.aadObjectId as string)).rejects.toThrow(/people.*not valid JSON/);
  });

  it('imports the single conversations.json of earlier versions once and keeps it as a backup', async () => {
    const earlier = { conversations: Object.fromEntries([personal(1), personal(2), { ...channelThread, conversationId: CHANNEL_ID }]
      .map((address) => [address.conversationId, { address, updatedAt: '2026-01-01T00:00:00.000Z' }])) };
    writeFileSync(join(temp.path, 'conversations.json'), JSON.stringify(earlier));
    const store = await open();
    expect((await store.personalFor('aaaa0000-0000-4000-8000-000000000002'))?.conversationId).toBe('a:chat-2');
    expect((await store.channel(CHANNEL_ID))?.conversationId).toBe(CHANNEL_ID);
    expect(existsSync(join(temp.path, 'conversations.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(temp.path, 'conversations.json.imported'), 'utf8'))).toEqual(earlier);
  });
});
