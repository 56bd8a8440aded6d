import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { FakeConnector } from './fake-connector.js';
import { fuzzCases, type FuzzCase } from './fuzz-inputs.js';
import { spawnTs } from './spawn-ts.js';
import { listeningPort, productionNodeFlags } from './bot-process.js';
import { SIIM, TENANT } from './activities.js';
import { FakeBotFrameworkIssuer, FakeIdentityEndpoint } from './fake-identity.js';

export interface FuzzReport {
  requests: number;
  statuses: Record<string, number>;
  /** Answers that broke the rule (5xx other than 501 for an invoke, or no answer at all). */
  failures: Array<{ index: number; status: number; note: string; path: string }>;
  maxRssMb: number;
  alive: boolean;
  seconds: number;
  /** What the bot logged as a failed request, a fatal error, or outside its log (a crash). */
  errors: string[];
  /** Turns that ended in the apology (a handler threw; caught, the answer was still 200). */
  turnFailures: string[];
  startRssMb: number;
  /** RSS in MB after every 1,000 requests. */
  rssTrail: number[];
}

const SECRETS = { cardSecret: 'fuzz-card-secret-0000000000', webhookSecret: 'fuzz-webhook-secret-000', alertmanagerToken: 'fuzz-alertmanager-token-00' };

/** A gzip body of about `megabytes` MB of JSON-looking text, built in 1 MB steps. */
export async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const filler = Buffer.alloc(1_048_576, 'a');
  gzip.write('{"type":"message","text":"');
  for (let index = 0; index < megabytes; index += 1) {
    if (!gzip.write(filler)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end('"}');
  await done;
  return Buffer.concat(parts);
}

function headerBytes(headers: Record<string, string>): number {
  return Object.entries(headers).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value)) + 4, 0);
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

function send(url: string, item: FuzzCase): Promise<number> {
  return new Promise((resolve) => {
    // One connection per request (agent: false): a kept-alive socket the server closes as it is
    // reused gives ECONNRESET for a reason that is the client's, not the request's.
    const req = request(`${url}${item.path}`, { method: 'POST', headers: item.headers, timeout: 30_000, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 0));
    });
    // A refusal before the body is read may close the connection while we still write: the answer counts.
    req.on('error', () => resolve(-1));
    req.on('timeout', () => req.destroy());
    req.end(item.body);
  });
}

/** How the bot process is run: built or under tsx, which Node binary, extra environment. */
export interface FuzzProcessOptions {
  /** Run `dist/main.js` (`npm run build` first), as production does. */
  built?: boolean;
  /** The Node binary for the built bot (default: the one running this); production runs Node 24. */
  node?: string;
  /** Extra environment for the bot (e.g. MALLOC_ARENA_MAX, NODE_OPTIONS for --trace-gc). */
  env?: Record<string, string>;
  /** Fills the new data folder before the bot starts (e.g. with 100,000 closed cases). */
  seed?: (dataDir: string) => void | Promise<void>;
  /**
   * Run the bot with Bot Framework authentication against a fake token issuer and identity
   * endpoint on loopback, and sign most activities correctly: junk then reaches the bot's own checks.
   */
  signed?: boolean;
}

/** The bot's app id in a signed run (a managed identity's client id). */
const SIGNED_APP_ID = 'f1e2d3c4-0000-4000-8000-00000000f022';

/** The fakes a signed run needs: the token issuer (inbound) and the identity endpoint (outbound). */
async function signingFakes(): Promise<{ env: Record<string, string>; authorize: (serviceUrl: string, forged: boolean) => string; stop: () => Promise<void> }> {
  const issuer = new FakeBotFrameworkIssuer();
  const identity = new FakeIdentityEndpoint();
  await issuer.start();
  await identity.start();
  return {
    env: {
      MicrosoftAppId: SIGNED_APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, BotOpenIdMetadata: issuer.metadataUrl,
      IDENTITY_ENDPOINT: identity.url, IDENTITY_HEADER: identity.header, DIRECTORY_FILE: 'test/fixtures/directory.json',
    },
    authorize: (serviceUrl, forged) => issuer.authorization(SIGNED_APP_ID, { serviceUrl, forged }),
    stop: async () => { await issuer.stop(); await identity.stop(); },
  };
}

/** botbuilder prints a refused signature to stderr itself (the message and the PEM key it tried). */
const BOTBUILDER_REFUSAL = /^(Error finding key for token|-----(BEGIN|END) RSA PUBLIC KEY-----$|[A-Za-z0-9+/=]{1,64}$|\s*$)/;

async function startProcess(dataDir: string, serviceUrlHost: string, options: FuzzProcessOptions): Promise<{ child: ChildProcessWithoutNullStreams; url: string; log: string[]; turns: string[] }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(Microsoft|NODE_ENV|TUGIBOT_NOW|HOST$)/.test(key)));
  const env = {
    ...clean, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ALLOWED_TENANTS: TENANT, SPECIALISTS: SIIM.aadObjectId,
    SPECIALISTS_CHANNEL_ID: '19:specialists0000000000000000000@thread.tacv2', CARD_SIGNING_SECRET: SECRETS.cardSecret,
    INCIDENT_WEBHOOK_SECRET: SECRETS.webhookSecret, ALERTMANAGER_TOKEN: SECRETS.alertmanagerToken, SCHEDULER_INTERVAL_SECONDS: '5', ...options.env,
  };
  // The built bot (`npm run build` first) is what production runs; tsx adds its compiler's memory.
  // Both start with production's Node flags (package.json `start`), so the RSS measured is production's.
  const flags = productionNodeFlags();
  const child = options.built ? spawn(options.node ?? process.execPath, [...flags, 'dist/main.js'], { env, cwd: process.cwd() }) : spawnTs('src/main.ts', [], env, flags);
  const log: string[] = [];
  const turns: string[] = [];
  const port = await listeningPort(child, (line) => {
    if (/"msg":"turn failed"/.test(line)) turns.push(/"message":"([^"]{0,160})/.exec(line)?.[1] ?? line.slice(0, 300));
    else if (!/listening on port/.test(line) && (/"level":(50|60)/.test(line) || (!line.startsWith('{') && !BOTBUILDER_REFUSAL.test(line)))) log.push(line.slice(0, 600));
  }).catch((error: unknown) => { throw new Error(`${String(error)} (${serviceUrlHost})`); });
  return { child, url: `http://127.0.0.1:${port}`, log, turns };
}

/**
 * Runs `count` seeded fuzz cases against a real bot process (local mode, both webhooks on, a fake
 * Bot Connector as the service URL), `concurrency` at a time, sampling the process's RSS.
 */
export async function runFuzz(seed: number, count: number, concurrency = 6, options: FuzzProcessOptions = {}): Promise<FuzzReport> {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-fuzz-'));
  await options.seed?.(dataDir);
  const fakes = options.signed ? await signingFakes() : undefined;
  const started = Date.now();
  const { child, url, log, turns } = await startProcess(dataDir, serviceUrl, { ...options, env: { ...fakes?.env, ...options.env } });
  const startRssMb = rssMb(child.pid ?? 0);
  const report: FuzzReport = { requests: 0, statuses: {}, failures: [], maxRssMb: startRssMb, startRssMb, alive: true, seconds: 0, errors: log, turnFailures: turns, rssTrail: [] };
  try {
    const cases = fuzzCases(seed, count, { ...SECRETS, serviceUrl, bomb: await gzipBomb(300), authorize: fakes?.authorize });
    let index = 0;
    const worker = async () => {
      for (let next = cases.next(); !next.done; next = cases.next()) {
        const mine = index++;
        const status = await send(url, next.value);
        report.requests += 1;
        report.statuses[status] = (report.statuses[status] ?? 0) + 1;
        const allowed = status > 0 && (status < 500 || (status === 501 && next.value.invoke));
        // A large body refused on its headers may see its connection closed while still being sent.
        // Headers over Node's 16 KiB limit (a token signed with a 40 KB service URL) are refused by
        // Node's parser with 431 and the socket is destroyed, which the client may see as a reset.
        const cutShort = status === -1 && (Buffer.byteLength(next.value.body) > 60_000 || headerBytes(next.value.headers) > 16 * 1024);
        if (!allowed && !cutShort) report.failures.push({ index: mine, status, note: next.value.note, path: next.value.path });
        if (mine % 50 === 0) report.maxRssMb = Math.max(report.maxRssMb, rssMb(child.pid ?? 0));
        if (mine % 1000 === 999) report.rssTrail.push(Math.round(rssMb(child.pid ?? 0)));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    report.maxRssMb = Math.max(report.maxRssMb, rssMb(child.pid ?? 0));
    report.alive = child.exitCode === null && (await fetch(`${url}/healthz`)).status === 200;
  } finally {
    report.seconds = (Date.now() - started) / 1000;
    const exited = new Promise((resolve) => { if (child.exitCode !== null) resolve(null); else child.on('exit', resolve); });
    child.kill('SIGTERM');
    await exited;
    await connector.stop();
    await fakes?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return report;
}
