import type { ConversationStore } from '../../shared/conversations.js';
import type { Logger } from '../../shared/logger.js';
import type { ConversationAddress } from '../../shared/messaging.js';
import { chatStep, installStep, type InstallAnswer, type InstallGraph, type StepResult } from './install-calls.js';
import { InstallPacer, THROTTLED } from './install-pacer.js';
import { InstallRecords } from './install-records.js';
import { ReachableNotices } from './reachable-notices.js';
import type { AppInstall, InstallStore, InstallVia } from './install-store.js';
import type { GlobalGate } from './shared-rate-gate.js';

/** `on`: installs run; `off`: not configured; `forbidden`: Graph refused (no TeamsAppInstallation.ReadWriteForUser.All). */
export type InstallMode = 'on' | 'off' | 'forbidden';

export interface InstallFigures {
  installed: number;
  already: number;
  pending: number;
  failed: number;
  forbidden: number;
}

export interface InstallerDeps {
  store: InstallStore;
  /** Undefined without Graph credentials. */
  graph?: InstallGraph;
  enabled: boolean;
  catalogAppId: string;
  /** Graph's root for `teamsApp@odata.bind` (GRAPH_BASE_URL). */
  graphRoot: string;
  ratePerSecond: number;
  /** Graph's pace shared by replicas (STORE=postgres: slots reserved in the database); without it this process's own bucket. */
  gate?: GlobalGate;
  conversations: ConversationStore;
  logger: Logger;
  /** New chats exist for these notices: widen their audiences. */
  reachable: (incidentIds: string[]) => void;
  maxAttempts?: number;
  concurrency?: number;
  wallClock?: () => number;
  random?: () => number;
}

const RETRY = new Set([0, 429, 500, 502, 503, 504]);
/** How long a 403 stops the installs before one is tried again (the permission may be granted). */
const FORBIDDEN_MS = 3600_000;

/**
 * Installs the bot for people in a notice's audience who never opened it (issue 12, item 5): one
 * durable record per person, worked through a few at a time, each Graph call paced by a token
 * bucket under Graph's 30 per second; a 429 holds every call for its Retry-After (Graph throttles
 * the app as a whole), 5xx and network errors back off; a 403 means the permission is missing.
 */
export class AppInstaller {
  private readonly now: () => number;
  private readonly records: InstallRecords;
  private readonly pacer: InstallPacer;
  private forbiddenAt = -Infinity;
  private stopped = true;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private readonly notices: ReachableNotices;

  constructor(private readonly deps: InstallerDeps) {
    this.now = deps.wallClock ?? Date.now;
    this.records = new InstallRecords(deps.store, this.now);
    this.notices = new ReachableNotices(deps.reachable, this.now);
    this.pacer = new InstallPacer({ graph: deps.graph, gate: deps.gate, ratePerSecond: deps.ratePerSecond, now: this.now, logger: deps.logger });
  }

  mode(): InstallMode {
    if (!this.deps.enabled || !this.deps.graph || !this.deps.catalogAppId) return 'off';
    return this.now() - this.forbiddenAt < FORBIDDEN_MS ? 'forbidden' : 'on';
  }

  /** Queues installs for `people` (lower-case object ids) on behalf of a notice; durable before it returns. */
  async request(incidentId: string, people: readonly string[], via?: InstallVia): Promise<void> {
    await this.records.queue(incidentId, people, via, this.mode() === 'forbidden');
    this.wake();
  }

  async figures(incidentId: string): Promise<InstallFigures> {
    const figures: InstallFigures = { installed: 0, already: 0, pending: 0, failed: 0, forbidden: 0 };
    for (const install of await this.deps.store.all()) if (install.incidents.includes(incidentId)) figures[install.state] += 1;
    return figures;
  }

  start(): void {
    if (!this.stopped || this.mode() === 'off') return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
    this.notices.flush();
  }

  wake(): void {
    this.wakeUp?.();
  }

  private async due(): Promise<{ items: AppInstall[]; next?: number }> {
    const now = this.now();
    let next: number | undefined;
    const items = (await this.deps.store.all()).filter((install) => {
      if (install.state !== 'pending') return false;
      const at = Math.max(install.nextAttemptAt ?? 0, install.leaseUntil ?? 0);
      if (at <= now) return true;
      next = Math.min(next ?? Infinity, at);
      return false;
    });
    return { items, next };
  }

  private async run(): Promise<void> {
    try {
      this.pacer.restore(await this.deps.store.all());
    } catch (error) {
      this.deps.logger.error({ err: error }, 'cannot read the installs\' stored Retry-After');
    }
    while (!this.stopped) {
      let next: number | undefined;
      try {
        next = await this.pass();
      } catch (error) {
        this.deps.logger.error({ err: error }, 'install pass failed');
      }
      if (this.stopped) break;
      const idle = Math.max(10, Math.min(next === undefined ? 5000 : next - this.now(), 5000));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idle);
        this.wakeUp = () => { clearTimeout(timer); resolve(); };
      });
      this.wakeUp = undefined;
    }
  }

  /** Works through what is due with a few calls in flight; returns when the next retry is due. */
  private async pass(): Promise<number | undefined> {
    const { items, next } = await this.due();
    if (items.length === 0 || this.mode() !== 'on') return next;
    let cursor = 0;
    const slot = async () => {
      while (!this.stopped && this.mode() === 'on' && cursor < items.length) await this.work(items[cursor++]);
    };
    await Promise.all(Array.from({ length: this.deps.concurrency ?? 4 }, slot));
    const after = await this.due();
    return after.items.length > 0 ? this.now() : after.next;
  }

  private async work(install: AppInstall): Promise<void> {
    const record = await this.records.claim(install.id);
    if (!record) return;
    let result: StepResult = record.step === 'chat' ? { kind: 'installed', outcome: record.outcome ?? 'installed' } : await installStep(this.pacer.call, record, this.deps.catalogAppId, this.deps.graphRoot);
    if (result.kind === 'installed') {
      Object.assign(record, { step: 'chat', outcome: result.outcome, attempts: 0 });
      result = await chatStep(this.pacer.call, record, this.deps.catalogAppId);
    }
    if (result.kind === 'done') await this.finish(record, result.outcome, result.chatId);
    else if (result.kind === 'failed') await this.fail(record, result.answer, result.step);
    record.leaseUntil = undefined;
    await this.records.release(record, (added) => {
      if (record.state === 'installed' || record.state === 'already') this.notices.mark(added, record.chatId);
    });
  }

  private async finish(record: AppInstall, outcome: 'installed' | 'already', chatId?: string): Promise<void> {
    Object.assign(record, { state: outcome, nextAttemptAt: undefined, failure: undefined, attempts: 0 });
    if (chatId) {
      record.chatId = chatId;
      if (!(await this.deps.conversations.personalFor(record.id)) && record.via) await this.deps.conversations.save(addressOf(record, chatId, record.via));
    }
    this.notices.mark(record.incidents, chatId);
  }

  /** Notices that may still gain chats from Teams' conversationUpdate after an install: to widen on each tick. */
  awaitingChats(): string[] {
    return this.notices.awaitingChats();
  }

  private async fail(record: AppInstall, answer: InstallAnswer, step: 'install' | 'chat'): Promise<void> {
    const log = this.deps.logger.child({ install: record.id, status: answer.status, step });
    if (answer.status === 403 && step === 'install') {
      this.forbiddenAt = this.now();
      log.warn('Graph refused to install the app: grant TeamsAppInstallation.ReadWriteForUser.All (application) or set PROACTIVE_INSTALL=off');
      Object.assign(record, { state: 'forbidden', failure: 'forbidden' });
      await this.records.forbidPending(record.id);
      return;
    }
    record.attempts += 1;
    if (RETRY.has(answer.status) && record.attempts < (this.deps.maxAttempts ?? 8)) {
      const delay = answer.retryAfterMs ?? backoffMs(record.attempts, this.deps.random ?? Math.random);
      record.nextAttemptAt = this.now() + delay;
      record.failure = answer.status === 429 ? THROTTLED : `Graph ${answer.status || 'unreachable'}`;
      // Graph throttles the app as a whole: nobody else calls before the Retry-After either.
      if (answer.status === 429) this.pacer.holdFor(delay);
      log.debug({ delayMs: delay }, 'install will be retried');
      return;
    }
    // Installed, but the chat cannot be read: Teams' conversationUpdate brings it.
    if (step === 'chat') return this.finish(record, record.outcome ?? 'installed');
    Object.assign(record, { state: 'failed', failure: answer.status === 404 ? 'user not found' : `Graph ${answer.status || 'unreachable'}` });
    log.info({ failure: record.failure }, 'install failed');
  }
}

/** 1 s, 2 s, 4 s … with jitter, at most 60 s. */
function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(60_000, 1000 * 2 ** (attempt - 1));
  return Math.round(base / 2 + random() * (base / 2));
}

/** The new personal chat's address, from the bot's known parts in this tenant. */
function addressOf(install: AppInstall, chatId: string, via: InstallVia): ConversationAddress {
  return {
    channel: 'msteams', serviceUrl: via.serviceUrl, tenantId: via.tenantId, conversationId: chatId, kind: 'personal',
    user: { teamsId: install.id, aadObjectId: install.id }, bot: { id: via.botId, ...(via.botName ? { name: via.botName } : {}) },
  };
}
