import type { FeatureDeps, FeatureHandle } from '../../shared/feature.js';
import { langOf } from '../../shared/i18n.js';
import type { IncidentNotices } from '../../shared/incident-notices.js';
import { DEFAULT_BACKOFF } from './delivery-policy.js';
import { DeliveryWorker } from './delivery-worker.js';
import type { AckStore, DeliveryStore, IncidentStore, ReceiptStore, SubscriptionStore } from './incident-store.js';
import { personalNotice } from './ack-card.js';
import { DepartmentBook } from './department-book.js';
import { deskCard } from './desk-card.js';
import { registerDeskHandlers, reminderButtons } from './desk-handlers.js';
import { IncidentArchiver } from './incident-archiver.js';
import { IncidentService } from './incident-service.js';
import { noticeCard, activeNotice, specialistButtons } from './notice-card.js';
import { registerNoticeHandlers } from './notice-handlers.js';
import { Pacer, sharedGate, sharedInstallGate } from './pacer.js';
import { registerPeopleHandlers } from './people-handlers.js';
import { registerMaintenanceHandlers } from './maintenance-handlers.js';
import { MaintenancePlanner } from './maintenance-planner.js';
import { StartReminders } from './maintenance-reminder.js';
import { withRunningMaintenance } from './maintenance-card.js';
import { ProgressReporter } from './progress-reporter.js';
import { AudienceResolver } from './audience-resolver.js';
import { AppInstaller } from './app-installs.js';
import type { InstallGraph } from './install-calls.js';
import type { AppInstall, InstallStore } from './install-store.js';
import type { SlotReserver } from './shared-rate-gate.js';
import { reachFiguresOf } from './reach-figures.js';

export type { Incident, IncidentContent, IncidentStatus, Severity, FollowedSystem } from './incident.js';
export { FOLLOWABLE } from './incident.js';
export type { AckStore, Broadcast, BroadcastReport, DeliveryEntry, DeliveryStore, DeliveryTarget, DeskReport, IncidentStore, IntakeReceipt, NoticeAck, ReceiptStore, SubscriptionStore } from './incident-store.js';
export { ackId } from './incident-store.js';
export { IncidentRefTaken } from './incident-conflict.js';
export type { AppInstall, InstallStore, InstallState, InstallVia } from './install-store.js';
export type { InstallGraph, InstallAnswer } from './install-calls.js';
export type { NoticeAudience } from './audience.js';
export type { DeliveryRecord, DeliveryOutcome } from './delivery-record.js';
export { DeliveryTally } from './delivery-tally.js';
export type { DeliveryProgress } from './delivery-progress.js';
export { ARCHIVE_GRACE_MS } from './archive-due.js';
export type { SlotReserver } from './shared-rate-gate.js';
export { IncidentService, IDEMPOTENCY_CONFLICT, type IntakeResult } from './incident-service.js';
export { parseIncidentInput, type IncidentInput } from './incident-input.js';
export { parseAlertmanager, alertGroupToInput } from './alertmanager-input.js';
export { alertmanagerDetails } from './alert-details.js';

export interface IncidentStores {
  incidents: IncidentStore;
  deliveries: DeliveryStore;
  receipts: ReceiptStore;
  subscriptions: SubscriptionStore;
  acks: AckStore;
  /** Proactive installs (issue 12); in memory when not given (tests). */
  installs?: InstallStore;
}

/** Microsoft Graph for proactive installs; undefined without Graph credentials. */
export interface IncidentsReach {
  graph?: InstallGraph;
  /** The sending schedule replicas share (STORE=postgres): Teams' rate holds for all of them together. */
  slots?: SlotReserver;
}

/** Keeps installs in memory: for tests and tools that do not install. */
function memoryInstalls(): InstallStore {
  const byId = new Map<string, AppInstall>();
  return {
    get: async (id) => byId.get(id),
    put: async (install) => void byId.set(install.id, { ...install }),
    claim: async (install, expected) => byId.get(install.id)?.updatedAt === expected && Boolean(byId.set(install.id, { ...install })),
    all: async () => [...byId.values()],
  };
}

export interface IncidentsFeature {
  handle: FeatureHandle;
  service: IncidentService;
  notices: IncidentNotices;
}

/**
 * Proactive incident notices: intake (webhooks through src/http/, specialists' drafts in Teams),
 * audiences, the paced and durable delivery outbox, progress reports (the author's, or for
 * monitoring's notices one in the specialists' channel), archiving of finished incidents on each
 * tick, and `activeFor` for the other features. The delivery worker starts with the feature and
 * stops on close.
 */
export function registerIncidents(deps: FeatureDeps, stores: IncidentStores, reach: IncidentsReach = {}): IncidentsFeature {
  const { config, logger, signer, router, messenger, conversations, clock } = deps;
  const log = logger.child({ feature: 'incidents' });
  const pacer = new Pacer({ perSecond: config.broadcast.ratePerSecond, perConversation: config.broadcast.ratePerConversation }, undefined,
    reach.slots && sharedGate(reach.slots, (error) => log.warn({ err: error }, 'could not reserve sending slots; trying again in a second')));
  const desk = async () => {
    const address = config.specialistsChannelId ? await conversations.channel(config.specialistsChannelId) : undefined;
    return address && { address, lang: langOf(config.defaultLocale) };
  };
  // Closures below name `reporter` and `service` before they are built; they run only once the worker starts.
  const departments = new DepartmentBook({ directory: deps.directory, logger: log, learned: () => reporter.nudge() });
  const reporter = new ProgressReporter({
    incidents: stores.incidents, deliveries: stores.deliveries, messenger, pacer, logger: log, desk,
    acks: stores.acks, departmentOf: (id) => departments.of(id), buttons: reminderButtons(signer),
    reachOf: async (id) => reachFiguresOf((await stores.incidents.broadcast(id))?.reach, await installer.figures(id), installer.mode()),
  });
  const archiver = new IncidentArchiver({ incidents: stores.incidents, deliveries: stores.deliveries, reporter, logger: log, locks: deps.locks });
  const worker = new DeliveryWorker({
    incidents: stores.incidents,
    deliveries: stores.deliveries,
    messenger,
    conversations,
    pacer,
    policy: { maxAttempts: config.broadcast.maxAttempts, ...DEFAULT_BACKOFF },
    logger: log,
    render: async (incident, target) => {
      if (target.specialists && incident.alert) return deskCard(incident, await service.deskReach(incident), signer, target.lang);
      if (target.specialists) return noticeCard(incident, target.lang, specialistButtons(incident, signer, target.lang));
      const person = target.kind === 'personal' ? target.address.user?.aadObjectId : undefined;
      return person ? personalNotice(incident, target.lang, person, await stores.acks.get(incident.id, person), signer) : noticeCard(incident, target.lang);
    },
    report: () => reporter.report(),
    // Few calls in flight to start with (many let stalls bunch requests past the limit); more as the latency needs.
    concurrency: Math.min(32, Math.max(8, Math.ceil(config.broadcast.ratePerSecond / 20))),
    ratePerSecond: config.broadcast.ratePerSecond,
  });
  const audiences = new AudienceResolver({ directory: deps.directory, logger: log });
  const installer = new AppInstaller({
    store: stores.installs ?? memoryInstalls(), graph: reach.graph, enabled: config.proactiveInstall.enabled, catalogAppId: config.proactiveInstall.catalogAppId,
    graphRoot: config.graph.baseUrl, ratePerSecond: config.proactiveInstall.ratePerSecond, conversations, logger: log.child({ part: 'installs' }),
    gate: reach.slots && sharedInstallGate(reach.slots, config.proactiveInstall.ratePerSecond, (error) => log.warn({ err: error }, 'could not reserve Graph slots for installs; trying again in a second')),
    reachable: (ids) => void service.refreshAudiences(ids).catch((error: unknown) => log.warn({ err: error }, 'could not widen audiences after installs')),
  });
  if (config.proactiveInstall.enabled && !reach.graph) log.warn('PROACTIVE_INSTALL=on, but there are no Microsoft Graph credentials: people without a chat with the bot cannot be reached');
  const service = new IncidentService({ config, clock, logger: log, store: stores.incidents, receipts: stores.receipts, subscriptions: stores.subscriptions, conversations, wake: () => worker.wake(), locks: deps.locks, audiences, installs: installer });
  registerNoticeHandlers({ router, service, signer, clock, messenger, pacer, logger: log, audiences });
  let stopped = false;
  registerDeskHandlers({
    router, service, incidents: stores.incidents, acks: stores.acks, signer, clock, locks: deps.locks, messenger, pacer, logger: log,
    report: { deliveries: stores.deliveries, department: (id) => departments.lookup(id), now: () => clock.now() },
    reminders: { incidents: stores.incidents, deliveries: stores.deliveries, acks: stores.acks, messenger, pacer, signer, logger: log, stopped: () => stopped },
    acknowledged: () => reporter.nudge(),
    audiences,
    reportSender: { messenger, conversations: deps.conversations, files: deps.files, logger: log },
  });
  // Planned maintenance: an incident of kind `maintenance`, moved on by the scheduler's ticks.
  const reminders = new StartReminders({ store: stores.incidents, deliveries: stores.deliveries, messenger, pacer, locks: deps.locks, logger: log, stopped: () => stopped });
  const planner = new MaintenancePlanner({ store: stores.incidents, receipts: stores.receipts, service, locks: deps.locks, clock, logger: log, wake: () => worker.wake(), remind: (id) => reminders.run(id) });
  registerMaintenanceHandlers({ router, planner, service, signer, clock, specialistsChannelId: config.specialistsChannelId });
  registerPeopleHandlers({ router, service, subscriptions: stores.subscriptions, signer, isSpecialist: deps.isSpecialist, maintenance: (all) => planner.upcoming(all) });
  worker.start();
  installer.start();
  deps.metrics?.gauge('outboxDepth', async () => {
    let depth = 0;
    for (const id of await stores.deliveries.liveIncidentIds()) depth += (await reporter.progress(id))?.pending ?? 0;
    return depth;
  });

  return {
    service,
    notices: { activeFor: async (systems, lang) => withRunningMaintenance(activeNotice(await service.openFor(systems), lang), await planner.runningFor(systems), lang) },
    handle: {
      name: 'incidents',
      tick: async (now) => {
        await planner.tick(now);
        const awaiting = installer.awaitingChats();
        if (awaiting.length > 0) await service.refreshAudiences(awaiting);
        worker.wake();
        await archiver.sweep(now);
      },
      close: async () => {
        stopped = true;
        reporter.close();
        await reminders.settle();
        await installer.stop();
        await worker.stop();
      },
    },
  };
}
