import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ConversationStore } from '../../shared/conversations.js';
import type { Logger } from '../../shared/logger.js';
import type { Messenger, Reply } from '../../shared/messaging.js';
import { decideAfterFailure, type RetryPolicy } from './delivery-policy.js';
import type { Incident } from './incident.js';
import { deliveryId, type DeliveryEntry, type DeliveryStore, type DeliveryTarget, type IncidentStore } from './incident-store.js';
import { keepLease } from './lease-keeper.js';
import type { Pacer } from './pacer.js';

export interface WorkerDeps {
  incidents: IncidentStore;
  deliveries: DeliveryStore;
  messenger: Messenger;
  conversations: ConversationStore;
  pacer: Pacer;
  policy: RetryPolicy;
  logger: Logger;
  render: (incident: Incident, target: DeliveryTarget) => Reply | Promise<Reply>;
  /** Called while a pass runs (every couple of seconds) and after it, to update the authors' reports. */
  report: () => Promise<void>;
  /** The fewest calls in flight; more are started while the connector's latency needs them. */
  concurrency?: number;
  /** The pacer's rate: calls in flight = rate x latency (Little's law), so the rate holds at any latency. */
  ratePerSecond?: number;
  random?: () => number;
  wallClock?: () => number;
  /**
   * How long a claimed entry belongs to this worker (ms): comfortably longer than one call with the
   * connector's own retries, so that only a replica that died loses its entries to the others.
   */
  leaseMs?: number;
  /** This worker's name on the entries it claims (default: host, process id and a random part). */
  owner?: string;
}

const LEASE_MS = 30_000;

/** How often a running pass looks for retries that have fallen due. */
const RECOLLECT_MS = 1000;

interface WorkItem {
  incidentId: string;
  target: DeliveryTarget;
}

/** Calls in flight never exceed this, whatever the latency. */
const MAX_IN_FLIGHT = 256;

/**
 * Whether an entry still owes `version` and may be tried at `now` (epoch ms); else when it may. An
 * entry `sending` under a live lease belongs to the replica that claimed it; without a lease, or
 * once the lease ran out (that replica died), it is due again.
 */
export function dueState(entry: DeliveryEntry | undefined, version: number, now: number): 'due' | 'done' | number {
  if (!entry) return 'due';
  if (entry.state === 'dropped' || entry.deliveredVersion >= version || entry.failedVersion === version) return 'done';
  if (entry.state === 'sending' && entry.leaseUntil !== undefined && entry.leaseUntil > now) return entry.leaseUntil;
  if (entry.nextAttemptAt !== undefined && entry.nextAttemptAt > now && entry.sendingVersion === version) return entry.nextAttemptAt;
  return 'due';
}

/**
 * Sends the outbox: collects what is due for every live incident, then runs it through a small
 * pool, each call paced by the pacer. Each entry is claimed `sending` with a lease before its call
 * (compare-and-set on its revision: of several replicas, one wins and the others skip it) and
 * written with the message id after it, so a restart resumes where it stopped (see README: the one
 * uncertain case), and a replica that died leaves its entries to the others when their leases end.
 */
export class DeliveryWorker {
  private stopped = true;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  private readonly now: () => number;
  /** Retries scheduled during the current pass: taken back in when due, without re-reading the audience. */
  private retries: Array<WorkItem & { at: number }> = [];
  /** Smoothed time (ms) a slot is busy with one send (connector latency and the two writes), without the pacer's wait. */
  private latencyMs = 0;
  private readonly leaseMs: number;
  readonly owner: string;

  constructor(private readonly deps: WorkerDeps) {
    this.now = deps.wallClock ?? Date.now;
    this.leaseMs = deps.leaseMs ?? LEASE_MS;
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Stops taking new work and waits for the calls in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  /** Something new is due: start a pass now instead of after the idle wait. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      let next: number | undefined;
      try {
        next = await this.pass();
        await this.deps.report();
      } catch (error) {
        this.deps.logger.error({ err: error }, 'delivery pass failed');
      }
      if (this.stopped || this.woken) continue;
      const idle = Math.max(10, Math.min(next === undefined ? 5000 : next - this.now(), 5000));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idle);
        this.wakeUp = () => { clearTimeout(timer); resolve(); };
      });
      this.wakeUp = undefined;
    }
  }

  /**
   * What is due now, channels first; and the earliest time something else will be. An incident's
   * entries are read in one go (one query per incident on a database, not one per target).
   */
  async collect(): Promise<{ items: WorkItem[]; next?: number }> {
    const now = this.now();
    const items: WorkItem[] = [];
    let next: number | undefined;
    for (const incident of await this.deps.incidents.live()) {
      const broadcast = await this.deps.incidents.broadcast(incident.id);
      if (!broadcast || broadcast.targets.length === 0) continue;
      const entries = new Map((await this.deps.deliveries.liveFor(incident.id)).map((entry) => [entry.id, entry]));
      for (const target of broadcast.targets) {
        const state = dueState(entries.get(deliveryId(incident.id, target.key)), incident.version, now);
        if (state === 'due') items.push({ incidentId: incident.id, target });
        else if (typeof state === 'number') next = Math.min(next ?? state, state);
      }
    }
    // Channels first; people in an order of this worker's own, so that replicas start at different places instead of contending entry by entry.
    const channels = items.filter((item) => item.target.kind === 'channel');
    const people = shuffled(items.filter((item) => item.target.kind !== 'channel'), this.deps.random ?? Math.random);
    return { items: [...channels, ...people], next };
  }

  /** Calls to keep in flight for the pacer's rate at the latency seen: rate x latency, with room. */
  private wantedInFlight(): number {
    const least = this.deps.concurrency ?? 16;
    if (!this.deps.ratePerSecond) return least;
    return Math.min(MAX_IN_FLIGHT, Math.max(least, Math.ceil((this.deps.ratePerSecond * this.latencyMs * 1.5) / 1000) + 2));
  }

  /** One pass over what is due; returns when the next retry is due, if any. */
  async pass(): Promise<number | undefined> {
    const { items, next } = await this.collect();
    if (items.length === 0) return next;
    let cursor = 0;
    let slots = 0;
    this.retries = [];
    let collectedAt = this.now();
    // Retries that fall due during a long pass join it next instead of waiting for its end; they
    // come from the pass's own list, so the cost per send does not grow with the audience.
    const takeInRetries = () => {
      if (this.now() - collectedAt < RECOLLECT_MS || this.retries.length === 0) return;
      collectedAt = this.now();
      const due = this.retries.filter((item) => item.at <= collectedAt);
      if (due.length === 0) return;
      this.retries = this.retries.filter((item) => item.at > collectedAt);
      items.splice(cursor, 0, ...due);
    };
    const reporter = setInterval(() => void this.deps.report().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'progress report failed')), 2000);
    const running: Array<Promise<void>> = [];
    const slot = async () => {
      while (!this.stopped && cursor < items.length) {
        takeInRetries();
        const item = items[cursor++];
        await this.deliver(item.incidentId, item.target);
        if (slots < this.wantedInFlight() && cursor < items.length) start();
      }
      slots -= 1;
    };
    const start = () => {
      slots += 1;
      running.push(slot());
    };
    try {
      for (let index = 0; index < (this.deps.concurrency ?? 16); index += 1) start();
      for (let done = 0; done < running.length; done += 1) await running[done];
    } finally {
      clearInterval(reporter);
    }
    return (await this.collect()).next;
  }

  private async deliver(incidentId: string, target: DeliveryTarget): Promise<void> {
    const incident = await this.deps.incidents.getLive(incidentId);
    if (!incident) return;
    const id = deliveryId(incidentId, target.key);
    const existing = await this.deps.deliveries.get(id);
    if (dueState(existing, incident.version, this.now()) !== 'due') return;
    const editing = Boolean(existing?.messageId);
    const address = existing?.messageId ? existing.address : target.address;
    const paceKey = target.kind === 'channel' && !editing ? (address.channelId ?? address.conversationId) : address.conversationId;
    const attempts = existing && existing.sendingVersion === incident.version ? existing.attempts + 1 : 1;
    const writingAt = this.now();
    let entry = await this.claim({
      id, incidentId, key: target.key, address, deliveredVersion: 0, ...existing,
      state: 'sending', sendingVersion: incident.version, attempts, nextAttemptAt: undefined, updatedAt: new Date(writingAt).toISOString(),
    }, existing);
    // Another replica claimed it first: the call is theirs.
    if (!entry) return;
    const writing = this.now() - writingAt;
    // The token is taken right before the call, after the write: a slow write must not bunch calls past the limit.
    if (!(await this.deps.pacer.take(paceKey, () => this.stopped))) return this.release(entry);
    // A long wait for a token eats into the lease: renewed before the call once half of it is gone.
    if ((entry.leaseUntil ?? 0) - this.now() < this.leaseMs / 2) entry = await this.claim(entry, entry);
    if (!entry) return;
    const calledAt = this.now();
    // A call slower than the lease (a hung connector) keeps the entry: renewed a few times per lease.
    const lease = keepLease(entry, (current) => this.claim(current, current), this.leaseMs / 3, this.deps.logger);
    try {
      await this.call(entry, incident, target);
      Object.assign(entry, { state: 'idle', deliveredVersion: incident.version, attempts: 0, failedVersion: undefined, failure: undefined });
    } catch (error) {
      await this.settleFailure(entry, error, editing);
      if (entry.nextAttemptAt !== undefined) this.retries.push({ incidentId, target, at: entry.nextAttemptAt });
    } finally {
      await lease.stop();
    }
    if ((entry.leaseUntil ?? 0) < this.now()) this.deps.logger.warn({ incidentId, target: target.key, owner: this.owner }, 'the lease ran out during the call: another replica may have sent this notice too');
    Object.assign(entry, { leaseUntil: undefined, leaseOwner: undefined, updatedAt: new Date(this.now()).toISOString() });
    // Written whatever was claimed meanwhile: what this call did (its message id) is not lost.
    await this.deps.deliveries.put(entry);
    // How long a slot is busy with one send, without its wait for a token: the latency to cover.
    const busy = writing + this.now() - calledAt;
    this.latencyMs = this.latencyMs === 0 ? busy : this.latencyMs * 0.9 + busy * 0.1;
  }

  /** Claims `entry` for this worker's lease if the stored one is still `seen`; undefined when another writer got there first. */
  private claim(entry: DeliveryEntry, seen: DeliveryEntry | undefined): Promise<DeliveryEntry | undefined> {
    const now = this.now();
    const claimed = { ...entry, leaseUntil: now + this.leaseMs, leaseOwner: this.owner, updatedAt: new Date(now).toISOString() };
    return this.deps.deliveries.claim(claimed, seen ? (seen.revision ?? 0) : undefined);
  }

  /** Stopping before the call: the entry is handed back at once, not after the lease. */
  private async release(entry: DeliveryEntry): Promise<void> {
    const released: DeliveryEntry = { ...entry, state: 'idle', attempts: Math.max(0, entry.attempts - 1), leaseUntil: undefined, leaseOwner: undefined };
    await this.deps.deliveries.claim(released, entry.revision ?? 0);
  }

  private async call(entry: DeliveryEntry, incident: Incident, target: DeliveryTarget): Promise<void> {
    const reply = await this.deps.render(incident, target);
    if (entry.messageId) {
      await this.deps.messenger.update(entry.address, entry.messageId, reply);
    } else if (target.kind === 'channel') {
      const thread = await this.deps.messenger.postToChannel(target.address, reply);
      entry.address = thread.address;
      entry.messageId = thread.messageId;
    } else {
      entry.messageId = (await this.deps.messenger.send(target.address, reply)).messageId;
    }
  }

  private async settleFailure(entry: DeliveryEntry, error: unknown, editing: boolean): Promise<void> {
    const decision = decideAfterFailure(error, entry.attempts, this.deps.policy, editing, this.deps.random);
    const log = this.deps.logger.child({ incidentId: entry.incidentId, target: entry.key, attempt: entry.attempts });
    entry.state = 'idle';
    if (decision.kind === 'retry') {
      entry.nextAttemptAt = this.now() + decision.delayMs;
      log.debug({ reason: decision.reason, delayMs: decision.delayMs }, 'delivery will be retried');
    } else if (decision.kind === 'drop') {
      Object.assign(entry, { state: 'dropped', failure: decision.reason });
      await this.deps.conversations.remove(entry.address.conversationId.split(';messageid=')[0]);
      log.info({ reason: decision.reason }, 'conversation gone: address dropped');
    } else {
      Object.assign(entry, { failedVersion: entry.sendingVersion, failure: decision.reason });
      log.warn({ reason: decision.reason }, 'delivery failed');
    }
  }
}

/** A copy of `items` in random order (Fisher-Yates). */
function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}
