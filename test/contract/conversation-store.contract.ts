import type { ConversationStore } from '../../src/shared/conversations.js';
import type { ConversationAddress } from '../../src/shared/messaging.js';
import type { StoreFactory } from './store-factories.js';

const CHANNEL_ID = '19:specialists@thread.tacv2';

function personal(n: number, extra: Partial<ConversationAddress> = {}): ConversationAddress {
  return {
    channel: 'msteams', serviceUrl: 'https://smba.example/emea/', conversationId: `a:chat-${n}`, kind: 'personal', tenantId: 't', locale: 'et-EE',
    bot: { id: '28:bot' }, user: { id: `29:user-${n}`, aadObjectId: `aaaa0000-0000-4000-8000-${String(n).padStart(12, '0')}` }, ...extra,
  } as ConversationAddress;
}

const channelThread = {
  channel: 'msteams', serviceUrl: 'https://smba.example/emea/', conversationId: `${CHANNEL_ID};messageid=123`, kind: 'channel', tenantId: 't',
  channelId: CHANNEL_ID, bot: { id: '28:bot' },
} as ConversationAddress;

/** What every ConversationStore does, whichever engine keeps it. */
export function conversationStoreContract(factory: () => StoreFactory<ConversationStore>): void {
  describe('ConversationStore contract', () => {
    it('finds people (any case of their id) and channels (their root), prefers a newer chat, forgets, and keeps it all', async () => {
      const stores = factory();
      const store = await stores.open();
      await store.save(personal(1));
      await store.save(personal(2));
      await store.save(channelThread);
      expect((await store.personalFor('AAAA0000-0000-4000-8000-000000000001'))?.conversationId).toBe('a:chat-1');
      expect(await store.personalFor('nobody')).toBeUndefined();
      expect(await store.channel(CHANNEL_ID)).toEqual({ ...channelThread, conversationId: CHANNEL_ID });
      expect((await store.allPersonal()).map((address) => address.conversationId).sort()).toEqual(['a:chat-1', 'a:chat-2']);

      await store.save(personal(1, { conversationId: 'a:chat-1-again' }));
      await store.save(personal(1, { locale: 'en-US' }));
      expect((await store.personalFor('aaaa0000-0000-4000-8000-000000000001'))?.conversationId).toBe('a:chat-1-again');
      await store.remove('a:chat-1-again');
      expect(await store.personalFor('aaaa0000-0000-4000-8000-000000000001')).toEqual(personal(1, { locale: 'en-US' }));
      await store.remove(CHANNEL_ID);
      expect(await store.channel(CHANNEL_ID)).toBeUndefined();
      await store.remove('a:never-stored');

      const again = await stores.reopen();
      expect(await again.personalFor('aaaa0000-0000-4000-8000-000000000002')).toEqual(personal(2));
      expect((await again.allPersonal()).map((address) => address.conversationId).sort()).toEqual(['a:chat-1', 'a:chat-2']);
    });
  });
}
