import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { registerIncidents, type IncidentsFeature } from '../../../src/features/incidents/index.js';
import { CardSigner } from '../../../src/shared/card-signer.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { KeyedLock } from '../../../src/shared/keyed-lock.js';
import { emptyDirectory } from '../../../src/shared/directory.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { ConversationAddress, Messenger, PostedThread, Reply, SentMessage } from '../../../src/shared/messaging.js';
import { Router } from '../../../src/shared/router.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { LowdbConversationStore } from '../../../src/storage/lowdb-conversation-store.js';
import { LowdbReceiptStore, LowdbSubscriptionStore } from '../../../src/storage/lowdb-incident-intake-store.js';
import { LowdbIncidentStore } from '../../../src/storage/lowdb-incident-store.js';
import { LowdbOutboxStore } from '../../../src/storage/lowdb-outbox-store.js';
import { LowdbAckStore } from '../../../src/storage/lowdb-ack-store.js';
import { FileShelf } from '../../../src/shared/file-shelf.js';

/** A messenger that accepts everything and remembers what it was asked to do. */
export class RecordingMessenger implements Messenger {
  readonly calls: Array<{ kind: 'send' | 'update' | 'post'; conversationId: string; reply: Reply }> = [];
  private next = 1;

  async send(address: ConversationAddress, reply: Reply): Promise<SentMessage> {
    this.calls.push({ kind: 'send', conversationId: address.conversationId, reply });
    return { messageId: `m${this.next++}` };
  }

  async update(address: ConversationAddress, _messageId: string, reply: Reply): Promise<void> {
    this.calls.push({ kind: 'update', conversationId: address.conversationId, reply });
  }

  async delete(): Promise<void> {}

  async openPersonalChat(): Promise<ConversationAddress> {
    throw new Error('not used by the incidents feature');
  }

  async offerFile(): Promise<SentMessage> {
    throw new Error('not used by the incidents feature');
  }

  async postToChannel(channel: ConversationAddress, reply: Reply): Promise<PostedThread> {
    this.calls.push({ kind: 'post', conversationId: channel.conversationId, reply });
    const messageId = `m${this.next++}`;
    return { address: { ...channel, conversationId: `${channel.conversationId};messageid=${messageId}` }, messageId };
  }
}

export interface Kit {
  dir: string;
  dataDir: DataDir;
  clock: ManualClock;
  messenger: RecordingMessenger;
  conversations: LowdbConversationStore;
  feature: IncidentsFeature;
  /** Stops the worker and flushes; removes the folder unless `keep`. */
  close(keep?: boolean): Promise<void>;
}

/** The incidents feature on real lowdb stores in a temp folder, with a manual clock and a recording messenger. */
export async function startIncidents(existingDir?: string): Promise<Kit> {
  const dir = existingDir ?? mkdtempSync(join(tmpdir(), 'tugibot-inc-'));
  const logger = silentLogger();
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', CARD_SIGNING_SECRET: 'unit-secret-unit-secret-unit-secret' });
  const dataDir = await DataDir.open(dir, logger);
  const clock = new ManualClock();
  const messenger = new RecordingMessenger();
  const conversations = await LowdbConversationStore.open(dataDir);
  const feature = registerIncidents(
    { config, logger, clock, conversations, messenger, signer: new CardSigner('unit-secret-unit-secret'), router: new Router(() => false), isSpecialist: () => false, directory: emptyDirectory, locks: new KeyedLock(), files: new FileShelf(clock) },
    { incidents: await LowdbIncidentStore.open(dataDir), deliveries: await LowdbOutboxStore.open(dataDir), receipts: await LowdbReceiptStore.open(dataDir), subscriptions: await LowdbSubscriptionStore.open(dataDir), acks: await LowdbAckStore.open(dataDir) },
  );
  return {
    dir, dataDir, clock, messenger, conversations, feature,
    async close(keep = false) {
      await feature.handle.close?.();
      await dataDir.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every record in a collection's live shard files (`live-*.json`) or archive segments (`archive-*.json`). */
export function recordsOnDisk<T = Record<string, unknown>>(dir: string, collection: string, part: 'live' | 'archive'): T[] {
  const folder = join(dir, collection);
  return readdirSync(folder)
    .filter((name) => name.startsWith(`${part}-`))
    .flatMap((name) => (JSON.parse(readFileSync(join(folder, name), 'utf8')) as { records: T[] }).records);
}
