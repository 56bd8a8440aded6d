import type { Lang } from '../../shared/i18n.js';
import type { ConversationAddress } from '../../shared/messaging.js';
import type { DeliveryRecord } from './delivery-record.js';
import type { DeliveryProgress } from './delivery-progress.js';
import type { FollowedSystem, Incident } from './incident.js';

/** One conversation a notice goes to. `key` is stable across address refreshes. */
export interface DeliveryTarget {
  key: string;
  kind: 'channel' | 'personal';
  address: ConversationAddress;
  lang: Lang;
  /** The specialists' channel: its notice carries the update and resolve buttons. */
  specialists?: boolean;
}

/** Where the author of a notice sees its progress: one message, edited as it goes. */
export interface BroadcastReport {
  address: ConversationAddress;
  messageId: string;
  lang: Lang;
  version: number;
}

/** The specialists' channel message that reports the reach of monitoring's notices, one per incident. */
export type DeskReport = Omit<BroadcastReport, 'version'>;

/** The audience of one incident, planned when it is published and widened by later updates. */
export interface Broadcast {
  id: string;
  targets: DeliveryTarget[];
  report?: BroadcastReport;
  /** Where the desk sees the reach of versions monitoring published (webhook, Alertmanager). */
  desk?: DeskReport;
  /** The one reminder a critical notice may get, to those who had not acknowledged it. */
  reminder?: { at: string; by?: string; people: number };
  /** A targeted notice: how many people its audience names, and how many of them had no chat with the bot when it was published. */
  reach?: { selected: number; unreached: number };
}

/**
 * The outbox: one entry per incident and conversation, holding the message id the first send
 * returned (later versions edit that message) and the version delivered.
 */
export interface DeliveryEntry {
  id: string;
  incidentId: string;
  key: string;
  /** Where the message lives; for a channel, the thread the first send started. */
  address: ConversationAddress;
  /**
   * `sending` is claimed before each call (see DeliveryStore.claim), so a restart knows a call may
   * have been made and other replicas leave the entry alone while its lease runs.
   */
  state: 'idle' | 'sending' | 'dropped';
  messageId?: string;
  deliveredVersion: number;
  /** The version the attempts count for. */
  sendingVersion: number;
  attempts: number;
  /** Epoch ms before which the entry waits (Retry-After or backoff). */
  nextAttemptAt?: number;
  /** The version given up on, and why. */
  failedVersion?: number;
  failure?: string;
  updatedAt: string;
  /**
   * Set by the store on every write (put or claim): 1 for the first, then +1. An entry stored
   * before revisions existed counts as revision 0.
   */
  revision?: number;
  /** While `sending`: epoch ms until which the replica that claimed it owns the call; after it, the entry is due again (that replica died). */
  leaseUntil?: number;
  /** Who claimed it (a delivery worker's owner id), for logs and operators; nothing decides on it. */
  leaseOwner?: string;
}

export const deliveryId = (incidentId: string, key: string): string => `${incidentId}|${key}`;

export interface IncidentStore {
  getLive(id: string): Promise<Incident | undefined>;
  /** A live or archived incident. */
  get(id: string): Promise<Incident | undefined>;
  /** The live incident monitoring knows by `ref` (the newest one). */
  findByRef(ref: string): Promise<Incident | undefined>;
  /** The newest archived incident with `ref`; reads the archive, newest segment first. */
  findArchivedByRef(ref: string): Promise<Incident | undefined>;
  live(): Promise<Incident[]>;
  save(incident: Incident): Promise<void>;
  /** The audience as stored, read-only (not copied: it can hold 10,000 targets); save a new one to change it. */
  broadcast(id: string): Promise<Readonly<Broadcast> | undefined>;
  saveBroadcast(broadcast: Broadcast): Promise<void>;
  /** Moves a finished incident to the archive and drops its audience from the live records. */
  archive(incident: Incident): Promise<void>;
  isArchived(id: string): Promise<boolean>;
}

export interface DeliveryStore {
  get(id: string): Promise<DeliveryEntry | undefined>;
  /** Writes `entry` whatever is stored (the store sets its revision). */
  put(entry: DeliveryEntry): Promise<void>;
  /**
   * Writes `entry` only if the stored entry's revision is still `expectedRevision` (undefined: no
   * entry yet; an entry without a revision is revision 0). Returns the stored entry with its new
   * revision, or undefined when another writer got there first. One replica wins, whatever the number.
   */
  claim(entry: DeliveryEntry, expectedRevision: number | undefined): Promise<DeliveryEntry | undefined>;
  /** The incidents that still have entries in the live outbox. */
  liveIncidentIds(): Promise<string[]>;
  /** Where `version` of an incident stands across an audience of `total`, from counts kept as entries are put (no scan). */
  progress(incidentId: string, version: number, total: number): Promise<DeliveryProgress>;
  liveFor(incidentId: string): Promise<DeliveryEntry[]>;
  /** Appends an incident's delivery record to the archive (once: a second call for the same incident does nothing). */
  record(record: DeliveryRecord): Promise<void>;
  hasRecord(incidentId: string): Promise<boolean>;
  getRecord(incidentId: string): Promise<DeliveryRecord | undefined>;
  /** Removes an incident's entries from the live outbox; returns how many there were. */
  dropLive(incidentId: string): Promise<number>;
}

/** An answer given to an `Idempotency-Key`, kept so a repeat gets the same answer. */
export interface IntakeReceipt {
  id: string;
  bodyHash: string;
  answer: { id: string; ref: string; status: string };
  at: string;
  /** Who decided: the specialist who confirmed or cancelled a preview. */
  by?: string;
}

export interface ReceiptStore {
  get(key: string): Promise<IntakeReceipt | undefined>;
  put(receipt: IntakeReceipt): Promise<void>;
}

/** Which systems a person wants to hear about; everything until they choose. */
export interface SubscriptionStore {
  followed(aadObjectId: string): Promise<FollowedSystem[]>;
  save(aadObjectId: string, followed: FollowedSystem[]): Promise<void>;
}

/** "Sain aru" / "Got it": one person acknowledged one incident's notice. */
export interface NoticeAck {
  /** `<incidentId>|<aadObjectId>`: pressing twice writes nothing new. */
  id: string;
  incidentId: string;
  aadObjectId: string;
  at: string;
}

export interface AckStore {
  /** Records an acknowledgement; false when this person had acknowledged the incident already. */
  add(ack: NoticeAck): Promise<boolean>;
  get(incidentId: string, aadObjectId: string): Promise<NoticeAck | undefined>;
  /** The incident's acknowledgements by Entra object id (read-only). */
  forIncident(incidentId: string): Promise<ReadonlyMap<string, NoticeAck>>;
}

export const ackId = (incidentId: string, aadObjectId: string): string => `${incidentId}|${aadObjectId.toLowerCase()}`;
