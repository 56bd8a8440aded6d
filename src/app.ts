import type { Config } from './config.js';
import { CardSigner } from './shared/card-signer.js';
import { offsetClock, systemClock, type Clock } from './shared/clock.js';
import type { FeatureDeps, FeatureHandle } from './shared/feature.js';
import { createLogger, type Logger } from './shared/logger.js';
import type { Messenger } from './shared/messaging.js';
import { Router } from './shared/router.js';
import { DataDir } from './storage/data-dir.js';
import { LowdbConversationStore } from './storage/lowdb-conversation-store.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { BotMessenger, TeamsEdge, createTurnHandler } from './teams/index.js';
import { registerHelp, welcomeReply } from './features/help/index.js';
import { Scheduler } from './shared/scheduler.js';

export interface AppOverrides {
  logger?: Logger;
  clock?: Clock;
  messenger?: Messenger;
}

export interface App {
  server: HttpServer;
  config: Config;
  logger: Logger;
  clock: Clock;
  dataDir: DataDir;
  router: Router;
  messenger: Messenger;
  features: FeatureHandle[];
  scheduler: Scheduler;
  inFlight(): number;
  /** Stops periodic work, closes features and flushes storage. Does not close the HTTP server. */
  close(): Promise<void>;
}

/** Wires stores, services, features and the edge into an app. Never listens: `main.ts` does. */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (config.startAt ? offsetClock(config.startAt) : systemClock);
  const dataDir = await DataDir.open(config.dataDir, logger);
  const features: FeatureHandle[] = [];
  try {
    const conversations = await LowdbConversationStore.open(dataDir);
    const signer = new CardSigner(config.cardSigningSecret || (await dataDir.cardSigningSecret()));
    const specialists = new Set(config.specialists);
    const isSpecialist = (id: string | undefined): boolean => id !== undefined && specialists.has(id.toLowerCase());
    const router = new Router(isSpecialist);
    const edge = new TeamsEdge(config);
    const messenger = overrides.messenger ?? new BotMessenger(edge.adapter, config.bot.appId);
    const deps: FeatureDeps = { config, logger, clock, conversations, messenger, signer, router, isSpecialist };

    registerHelp(router);
    features.push(...(await registerFeatures(deps, dataDir)));

    const onTurn = createTurnHandler({ router, conversations, signer, logger, defaultLocale: config.defaultLocale, welcome: welcomeReply });
    const readiness = () => {
      const checks: Record<string, boolean | string> = { store: true };
      for (const feature of features) checks[feature.name] = feature.ready ? feature.ready() : true;
      return { ok: Object.values(checks).every((value) => value === true), checks };
    };
    const { server, inFlight } = createHttpServer({ edge, onTurn, readiness, logger, maxBodyBytes: config.maxBodyBytes });
    const scheduler = new Scheduler(features, clock, logger, config.schedulerIntervalSeconds * 1000);

    return {
      server, config, logger, clock, dataDir, router, messenger, features, scheduler, inFlight,
      async close() {
        await scheduler.stop();
        for (const feature of features) await feature.close?.();
        await dataDir.close();
      },
    };
  } catch (error) {
    for (const feature of features) await feature.close?.().catch(() => undefined);
    await dataDir.close();
    throw error;
  }
}

/** Each feature registers its commands, card verbs and fallbacks, and returns its handle. */
async function registerFeatures(_deps: FeatureDeps, _dataDir: DataDir): Promise<FeatureHandle[]> {
  return [];
}
