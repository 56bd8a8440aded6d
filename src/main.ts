import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { ConfigError } from './shared/errors.js';
import { createLogger } from './shared/logger.js';
import { BACKUP_SIGNAL, answerBackupRequests } from './storage/backup-requests.js';

const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tugibot cannot start.\n${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.localMode) {
    const reach = config.hostExplicit
      ? `HOST=${config.host} was set, so the bot listens on ${config.host}: anyone who can reach that address can post as any user.`
      : 'The bot listens on 127.0.0.1 only (set HOST to listen elsewhere).';
    logger.warn(
      '*** LOCAL MODE: MicrosoftAppId is empty, so incoming requests are NOT authenticated and outgoing messages carry no token. ' +
        `${reach} Use this only on your own machine (npm run chat, Agents Playground); production (NODE_ENV=production) refuses to start like this. ***`,
    );
  }
  // `npm run data -- backup FILE` asks for a frozen copy of the data folder this way (README, Backup
  // and restore). Handled from the start, so the signal's default action (exit) never applies.
  let backupsReady = false;
  process.on(BACKUP_SIGNAL, () => { if (backupsReady) void answerBackupRequests(config.dataDir, logger); });
  const app = await buildApp(config, { logger });
  app.scheduler.start();
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(config.port, config.host, resolve);
  });
  const { address, port } = app.server.address();
  logger.info({ host: address, port, localMode: config.localMode, dataDir: config.dataDir }, `tugibot listening on port ${port} (${address})`);
  const metricsServer = app.metricsServer;
  if (metricsServer) {
    await new Promise<void>((resolve, reject) => {
      metricsServer.once('error', (error) => reject(new Error(`METRICS_PORT ${config.metrics.port}: ${error.message}`)));
      metricsServer.listen(config.metrics.port, '127.0.0.1', resolve);
    });
    logger.info({ metricsPort: config.metrics.port }, `metrics on http://127.0.0.1:${config.metrics.port}/metrics (loopback only)`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing running turns');
    const closed = new Promise<void>((resolve) => app.server.close(() => resolve()));
    app.metricsServer?.close();
    app.server.server.closeIdleConnections?.();
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    while (app.inFlight() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (app.inFlight() > 0) logger.warn({ running: app.inFlight() }, 'shutdown grace period over with requests still running');
    app.server.server.closeAllConnections?.();
    await closed;
    await app.close();
    logger.info('stopped; storage flushed');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  backupsReady = true;
  void answerBackupRequests(config.dataDir, logger); // any request that came while starting
}

main().catch((error: unknown) => {
  process.stderr.write(`tugibot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
