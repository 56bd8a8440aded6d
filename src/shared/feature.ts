import type { Config } from '../config.js';
import type { CardSigner } from './card-signer.js';
import type { Clock } from './clock.js';
import type { ConversationStore } from './conversations.js';
import type { Directory } from './directory.js';
import type { FileShelf } from './file-shelf.js';
import type { KeyedLock } from './keyed-lock.js';
import type { Logger } from './logger.js';
import type { Messenger } from './messaging.js';
import type { Metrics } from './metrics.js';
import type { Router } from './router.js';

/** What every feature gets when the app is built. */
export interface FeatureDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  conversations: ConversationStore;
  messenger: Messenger;
  signer: CardSigner;
  router: Router;
  isSpecialist: (aadObjectId: string | undefined) => boolean;
  directory: Directory;
  /** The one keyed lock every feature decides under (keys namespaced by feature). */
  locks: KeyedLock;
  /** Report files offered with Teams' file consent card, waiting for the person's answer. */
  files: FileShelf;
  /** Where features record counts and register gauges read on scrape; off when absent. */
  metrics?: Metrics;
}

/** A running feature: what the app asks of it after it is registered. */
export interface FeatureHandle {
  name: string;
  /** `true` when ready, or the reason it is not. */
  ready?(): true | string;
  /** Periodic work (due times, reminders, outbox); the scheduler calls it with the current time. */
  tick?(now: Date): Promise<void>;
  close?(): Promise<void>;
}
