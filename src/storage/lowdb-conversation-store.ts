import type { ConversationStore } from '../shared/conversations.js';
import { channelRoot } from '../shared/conversations.js';
import type { ConversationAddress } from '../shared/messaging.js';
import type { DataDir } from './data-dir.js';
import type { JsonDoc } from './json-doc.js';

interface ConversationsFile {
  conversations: Record<string, { address: ConversationAddress; updatedAt: string }>;
}

/** Conversation addresses in `conversations.json`; one entry per chat or channel (bounded by staff). */
export class LowdbConversationStore implements ConversationStore {
  private constructor(private readonly doc: JsonDoc<ConversationsFile>) {}

  static async open(dataDir: DataDir): Promise<LowdbConversationStore> {
    return new LowdbConversationStore(await dataDir.doc<ConversationsFile>('conversations', { conversations: {} }));
  }

  async save(address: ConversationAddress): Promise<void> {
    const stored = address.kind === 'channel' ? channelRoot(address) : address;
    const existing = this.doc.data.conversations[stored.conversationId];
    if (existing && JSON.stringify(existing.address) === JSON.stringify(stored)) return;
    await this.doc.update((data) => {
      data.conversations[stored.conversationId] = { address: stored, updatedAt: new Date().toISOString() };
    });
  }

  personalFor(aadObjectId: string): ConversationAddress | undefined {
    const wanted = aadObjectId.toLowerCase();
    return Object.values(this.doc.data.conversations)
      .map((entry) => entry.address)
      .find((address) => address.kind === 'personal' && address.user?.aadObjectId?.toLowerCase() === wanted);
  }

  channel(channelId: string): ConversationAddress | undefined {
    return Object.values(this.doc.data.conversations)
      .map((entry) => entry.address)
      .find((address) => address.kind === 'channel' && (address.channelId === channelId || address.conversationId === channelId));
  }

  allPersonal(): ConversationAddress[] {
    return Object.values(this.doc.data.conversations).map((entry) => entry.address).filter((address) => address.kind === 'personal');
  }

  async remove(conversationId: string): Promise<void> {
    if (!(conversationId in this.doc.data.conversations)) return;
    await this.doc.update((data) => { delete data.conversations[conversationId]; });
  }
}
