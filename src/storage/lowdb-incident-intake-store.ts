import type { FollowedSystem, IntakeReceipt, ReceiptStore, SubscriptionStore } from '../features/incidents/index.js';
import { FOLLOWABLE } from '../features/incidents/index.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';
import type { JsonDoc } from './json-doc.js';

/** Answers given to idempotency keys: immutable, appended to `incident-receipts`. */
export class LowdbReceiptStore implements ReceiptStore {
  private constructor(private readonly collection: Collection<IntakeReceipt>) {}

  static async open(dataDir: DataDir): Promise<LowdbReceiptStore> {
    return new LowdbReceiptStore(await dataDir.collection<IntakeReceipt>('incident-receipts', { shards: 1, segmentSize: 2000 }));
  }

  get(key: string): Promise<IntakeReceipt | undefined> {
    return this.collection.get(key);
  }

  put(receipt: IntakeReceipt): Promise<void> {
    return this.collection.append(receipt);
  }
}

interface SubscriptionsFile {
  users: Record<string, FollowedSystem[]>;
}

/** What each person follows, in `incident-subscriptions.json` (bounded by staff). */
export class LowdbSubscriptionStore implements SubscriptionStore {
  private constructor(private readonly doc: JsonDoc<SubscriptionsFile>) {}

  static async open(dataDir: DataDir): Promise<LowdbSubscriptionStore> {
    return new LowdbSubscriptionStore(await dataDir.doc<SubscriptionsFile>('incident-subscriptions', { users: {} }));
  }

  followed(aadObjectId: string): Promise<FollowedSystem[]> {
    return Promise.resolve(this.doc.data.users[aadObjectId.toLowerCase()] ?? [...FOLLOWABLE]);
  }

  save(aadObjectId: string, followed: FollowedSystem[]): Promise<void> {
    return this.doc.update((data) => { data.users[aadObjectId.toLowerCase()] = [...new Set(followed)]; });
  }
}
