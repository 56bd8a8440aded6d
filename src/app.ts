import type { Config } from './config.js';
import { CardDecisions, sealingMessenger } from './shared/card-decisions.js';
import { CardSigner } from './shared/card-signer.js';
import { KeyedLock } from './shared/keyed-lock.js';
import { offsetClock, systemClock, type Clock } from './shared/clock.js';
import type { FeatureDeps, FeatureHandle } from './shared/feature.js';
import { createLogger, type Logger } from './shared/logger.js';
import type { Messenger } from './shared/messaging.js';
import type { ConversationStore } from './shared/conversations.js';
import { Router } from './shared/router.js';
import { DataDir } from './storage/data-dir.js';
import { openStores, type Stores } from './storage/open-stores.js';
import { createHttpServer, type HttpServer, type RouteMount } from './http/server.js';
import { BotMessenger, TeamsEdge, createTurnHandler } from './teams/index.js';
import { registerHelp, welcomeReply } from './features/help/index.js';
import { Scheduler } from './shared/scheduler.js';
import { FileShelf } from './shared/file-shelf.js';
import { noIncidents, type IncidentNotices } from './shared/incident-notices.js';
import type { Directory } from './shared/directory.js';
import type { ArticleTitles } from './shared/article-titles.js';
import { FileDirectory } from './storage/file-directory.js';
import { loadCatalogue, registerAccess } from './features/access/index.js';
import { graphClientFor, graphDirectoryFor, graphReaderFor } from './features/directory/index.js';
import { registerCredentials, type GraphGet } from './features/credentials/index.js';
import { registerIncidents, type InstallGraph } from './features/incidents/index.js';
import { incidentRoutes } from './http/incident-routes.js';
import { alertmanagerRoutes } from './http/alertmanager-routes.js';
import { registerCases } from './features/cases/index.js';
import { KnowledgeBase, PhrasingWriter, registerKnowledge } from './features/knowledge/index.js';
import type { Server as NodeServer } from 'node:http';
import { noMetrics, type Metrics } from './shared/metrics.js';
import { meterMessenger } from './shared/metered-messenger.js';
import { PrometheusMetrics } from './http/prometheus-metrics.js';
import { createMetricsServer, metricsRoutes } from './http/metrics-routes.js';

export interface AppOverrides {
  logger?: Logger;
  clock?: Clock;
  messenger?: Messenger;
  directory?: Directory;
  /** App-only Graph reads (the bot's app registration); tests point it at a fake Graph. */
  graph?: GraphGet;
  /** Microsoft Graph for proactive installs (issue 12); tests point it at a fake Graph. */
  installGraph?: InstallGraph;
}

export interface App {
  server: HttpServer;
  config: Config;
  logger: Logger;
  clock: Clock;
  dataDir: DataDir;
  router: Router;
  messenger: Messenger;
  conversations: ConversationStore;
  features: FeatureHandle[];
  scheduler: Scheduler;
  /** What features and the edge record to; `noMetrics` unless METRICS_TOKEN or METRICS_PORT is set. */
  metrics: Metrics;
  /** The loopback-only `/metrics` listener for METRICS_PORT, built but not listening (`main.ts` listens). */
  metricsServer?: NodeServer;
  inFlight(): number;
  /** When the bot's client secret or certificate expires, if the bot can tell (for /metrics). */
  credentialExpiry(): Date | undefined;
  /** Stops periodic work, closes features and flushes storage. Does not close the HTTP server. */
  close(): Promise<void>;
}

/** Wires stores, services, features and the edge into an app. Never listens: `main.ts` does. */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (config.startAt ? offsetClock(config.startAt) : systemClock);
  const dataDir = await DataDir.open(config.dataDir, logger);
  const features: FeatureHandle[] = [];
  const exporter = config.metrics.token || config.metrics.port ? new PrometheusMetrics() : undefined;
  const metrics: Metrics = exporter ?? noMetrics;
  let stores: Stores | undefined;
  try {
    stores = await openStores(config, dataDir, logger);
    const { conversations } = stores;
    const signer = new CardSigner(config.cardSigningSecret || (await stores.cardSigningSecret()));
    const specialists = new Set(config.specialists);
    const isSpecialist = (id: string | undefined): boolean => id !== undefined && specialists.has(id.toLowerCase());
    const router = new Router(isSpecialist);
    const locks = stores.locks ?? new KeyedLock();
    const decisions = new CardDecisions(stores.cardDecisions, locks, clock);
    const edge = new TeamsEdge(config);
    // Every card the bot sends is sealed: bound to its one recipient in a personal chat, and given its own id.
    const connector = sealingMessenger(overrides.messenger ?? new BotMessenger(edge.adapter, config.bot.appId), signer);
    const messenger = exporter ? meterMessenger(connector, exporter) : connector;
    const directory = overrides.directory ?? (config.directoryFile ? await FileDirectory.open(config.directoryFile) : graphDirectoryFor(config, logger));
    const files = new FileShelf(clock);
    const deps: FeatureDeps = { config, logger, clock, conversations, messenger, signer, router, isSpecialist, directory, locks, files, metrics };

    registerHelp(router);
    // Handles go straight into `features`, so a feature that fails to start lets the ones before it close.
    const wiring = await registerFeatures(deps, stores, features, overrides.installGraph ?? graphClientFor(config));
    const credentials = registerCredentials(deps, stores.credentials, overrides.graph ?? graphReaderFor(config));
    features.push(credentials);

    const onTurn = createTurnHandler({ router, conversations, signer, decisions, logger, defaultLocale: config.defaultLocale, welcome: welcomeReply, files, metrics });
    if (exporter && config.metrics.token) wiring.routes.push(metricsRoutes({ metrics: exporter, token: config.metrics.token, logger }));
    const readiness = () => {
      const checks: Record<string, boolean | string> = { store: true };
      for (const feature of features) checks[feature.name] = feature.ready ? feature.ready() : true;
      return { ok: Object.values(checks).every((value) => value === true), checks, details: { credentials: credentials.details() } };
    };
    metrics.gauge('ready', () => (readiness().ok ? 1 : 0));
    metrics.gauge('credentialExpiry', () => (credentials.credentialExpiry()?.getTime() ?? Number.NaN) / 1000);
    const { server, inFlight } = createHttpServer({ edge, onTurn, readiness, logger, maxBodyBytes: config.maxBodyBytes, routes: wiring.routes, metrics });
    const scheduler = new Scheduler(features, clock, logger, config.schedulerIntervalSeconds * 1000);
    const opened = stores;

    return {
      server, config, logger, clock, dataDir, router, messenger, conversations, features, scheduler, inFlight, metrics,
      credentialExpiry: () => credentials.credentialExpiry(),
      metricsServer: exporter && config.metrics.port ? createMetricsServer(exporter, logger) : undefined,
      async close() {
        await scheduler.stop();
        for (const feature of features) await feature.close?.();
        await opened.close();
        await dataDir.close();
      },
    };
  } catch (error) {
    for (const feature of features) await feature.close?.().catch(() => undefined);
    await stores?.close().catch(() => undefined);
    await dataDir.close();
    throw error;
  }
}

/** What features hand to the HTTP layer and to each other. */
interface Wiring {
  handles: FeatureHandle[];
  routes: RouteMount[];
  incidents: IncidentNotices;
}

/**
 * Each feature registers its commands, card verbs and fallbacks, and returns its handle. Order
 * matters where one feature uses another: incidents first (others show open incidents), then
 * cases (knowledge's "did not help" opens a case), then knowledge (the fallback), then access.
 */
async function registerFeatures(deps: FeatureDeps, stores: Stores, handles: FeatureHandle[], installGraph?: InstallGraph): Promise<Wiring> {
  const wiring: Wiring = { handles, routes: [], incidents: noIncidents };
  // --- incidents (begin) ---
  const incidents = registerIncidents(deps, stores.incidents, { graph: installGraph, slots: stores.rateSlots });
  wiring.handles.push(incidents.handle);
  wiring.incidents = incidents.notices;
  wiring.routes.push(
    incidentRoutes({ service: incidents.service, secret: deps.config.incidentWebhookSecret, logger: deps.logger, seen: stores.seenSignatures }),
    alertmanagerRoutes({ service: incidents.service, token: deps.config.alertmanagerToken, logger: deps.logger }),
  );
  // --- incidents (end) ---
  // --- knowledge base (begin): opened before cases, whose cards name the articles shown ---
  const knowledge = await KnowledgeBase.open({ dir: deps.config.knowledgeDir, logger: deps.logger, thresholds: deps.config.kb });
  wiring.handles.push({ name: 'knowledge', ready: () => knowledge.readiness(), close: async () => knowledge.close() });
  // --- knowledge base (end) ---
  // --- cases (begin) ---
  const caseStore = stores.cases;
  const articleTitles: ArticleTitles = (id, lang) => knowledge.titleOf(id, lang);
  wiring.handles.push(registerCases({ ...deps, store: caseStore, incidents: wiring.incidents, articleTitles }));
  // --- cases (end) ---
  // --- knowledge (begin) ---
  const notices = wiring.incidents;
  registerKnowledge(deps.router, {
    knowledge,
    feedback: stores.feedback,
    proposals: stores.proposals,
    phrasings: new PhrasingWriter(deps.config.knowledgeDir),
    signer: deps.signer,
    logger: deps.logger,
    clock: deps.clock,
    metrics: deps.metrics,
    // An outage is shown first only when the question names an affected system.
    beforeAnswer: async (message, systems) => (systems.length > 0 ? notices.activeFor(systems, message.lang) : undefined),
  });
  // --- knowledge (end) ---
  // --- access (begin) ---
  const catalogue = await loadCatalogue(deps.config.accessCatalogue);
  wiring.handles.push(registerAccess(deps, catalogue, stores.access));
  // --- access (end) ---
  return wiring;
}
