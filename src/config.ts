import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './shared/errors.js';

const list = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const int = (fallback: number, min: number, max: number) =>
  z.string().optional().transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${value}"` });
      return z.NEVER;
    }
    return parsed;
  });

const fraction = (fallback: number) =>
  z.string().optional().transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
      ctx.addIssue({ code: 'custom', message: `must be a number from 0 to 1, got "${value}"` });
      return z.NEVER;
    }
    return parsed;
  });

const text = (fallback = '') => z.string().optional().transform((value) => (value ?? fallback).trim() || fallback);

/** Every environment variable the bot reads, with its default. `.env.example` mirrors this list. */
const schema = z.object({
  NODE_ENV: text('development'),
  PORT: int(3978, 0, 65535),
  HOST: text(),
  MicrosoftAppId: text(),
  MicrosoftAppPassword: text(),
  MicrosoftAppType: text('SingleTenant').pipe(z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'], { message: 'must be SingleTenant, MultiTenant or UserAssignedMSI' })),
  MicrosoftAppTenantId: text(),
  BotOpenIdMetadata: text(),
  ALLOWED_TENANTS: text(),
  DATA_DIR: text('./data'),
  KNOWLEDGE_DIR: text('./knowledge'),
  DEFAULT_LOCALE: text('et-EE').pipe(z.string().regex(/^(et|en)(-[A-Za-z]{2})?$/, 'must be an Estonian or English locale such as et-EE or en-US')),
  LOG_LEVEL: text('info').pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
  SPECIALISTS: text(),
  SPECIALISTS_CHANNEL_ID: text().pipe(z.string().regex(/^(19:.+@thread\.(tacv2|skype))?$/, 'must be a Teams channel id such as 19:...@thread.tacv2')),
  BROADCAST_CHANNEL_IDS: text(),
  INCIDENT_WEBHOOK_SECRET: text(),
  ALERTMANAGER_TOKEN: text(),
  DIRECTORY_FILE: text(),
  ACCESS_CATALOGUE: text('./src/features/access/catalogue.json'),
  TUGIBOT_NOW: text(),
  CARD_SIGNING_SECRET: text(),
  MAX_BODY_BYTES: int(262_144, 1024, 10_485_760),
  KB_ANSWER_THRESHOLD: fraction(0.814),
  KB_SUGGEST_THRESHOLD: fraction(0.674),
  CASE_REOPEN_DAYS: int(14, 0, 365),
  CASE_DUE_HOURS_CRITICAL: int(4, 1, 24 * 90),
  CASE_DUE_HOURS_HIGH: int(8, 1, 24 * 90),
  CASE_DUE_HOURS_NORMAL: int(24, 1, 24 * 90),
  CASE_DUE_HOURS_LOW: int(72, 1, 24 * 90),
  CASE_REMINDER_BEFORE_MINUTES: int(60, 0, 24 * 60),
  DIGEST_HOUR: int(8, 0, 23),
  BROADCAST_RATE_PER_SECOND: int(50, 1, 10_000),
  BROADCAST_RATE_PER_CONVERSATION: int(7, 1, 1000),
  BROADCAST_MAX_ATTEMPTS: int(8, 1, 100),
  ACCESS_REMINDER_DAYS: int(3, 0, 90),
  SCHEDULER_INTERVAL_SECONDS: int(15, 1, 86_400),
  DRAFTS_DIR: text(),
  CASE_RETENTION_DAYS: int(365, 1, 36_500),
  MicrosoftAppPasswordExpiresOn: text(),
  GRAPH_MANAGED_IDENTITY: text(),
  GRAPH_BASE_URL: text('https://graph.microsoft.com/v1.0'),
  IDENTITY_ENDPOINT: text(),
  IDENTITY_HEADER: text(),
  MSI_ENDPOINT: text(),
  MSI_SECRET: text(),
  DESK_MENTION: text(),
  METRICS_TOKEN: text(),
  METRICS_PORT: int(0, 0, 65535),
  NOTICE_AUTO_PUBLISH: text(),
  STORE: text('lowdb').pipe(z.enum(['lowdb', 'postgres'], { message: 'must be lowdb or postgres' })),
  DATABASE_URL: text(),
  PROACTIVE_INSTALL: text('off').pipe(z.enum(['on', 'off'], { message: 'must be on or off' })),
  TEAMS_APP_CATALOG_ID: text(),
  GRAPH_INSTALL_RATE_PER_SECOND: int(20, 1, 30),
});

export type Config = Readonly<{
  env: string;
  production: boolean;
  port: number;
  /** The address to listen on: HOST, else 127.0.0.1 in local mode (no token checks) and 0.0.0.0 otherwise. */
  host: string;
  /** True when HOST was set by the operator. */
  hostExplicit: boolean;
  localMode: boolean;
  /**
   * `openIdMetadataUrl`: where the Bot Framework's token signing keys are published (botbuilder's
   * own `BotOpenIdMetadata` setting); empty means the public cloud's
   * (https://login.botframework.com/v1/.well-known/openidconfiguration).
   */
  bot: Readonly<{ appId: string; appPassword: string; appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI'; tenantId: string; openIdMetadataUrl: string }>;
  allowedTenants: readonly string[];
  dataDir: string;
  knowledgeDir: string;
  /** Where draft articles from solved cases are written: `DRAFTS_DIR`, else `<DATA_DIR>/drafts`. */
  draftsDir: string;
  defaultLocale: string;
  logLevel: (typeof LOG_LEVELS)[number];
  specialists: readonly string[];
  specialistsChannelId: string;
  broadcastChannelIds: readonly string[];
  incidentWebhookSecret: string;
  alertmanagerToken: string;
  directoryFile: string;
  accessCatalogue: string;
  startAt?: Date;
  cardSigningSecret: string;
  maxBodyBytes: number;
  kb: Readonly<{ answerThreshold: number; suggestThreshold: number }>;
  cases: Readonly<{ reopenDays: number; dueHours: Readonly<Record<'critical' | 'high' | 'normal' | 'low', number>>; reminderBeforeMinutes: number; digestHour: number; retentionDays: number }>;
  broadcast: Readonly<{ ratePerSecond: number; ratePerConversation: number; maxAttempts: number }>;
  /** Monitoring's alerts published without the desk's review (template text only): `system:severity` pairs. */
  noticeAutoPublish: ReadonlyArray<Readonly<{ system: string; severity: string }>>;
  access: Readonly<{ reminderDays: number }>;
  schedulerIntervalSeconds: number;
  /** When the bot's client secret expires, as the operator wrote it down (`MicrosoftAppPasswordExpiresOn`). */
  appPasswordExpiresOn?: Date;
  graph: Readonly<{ baseUrl: string; managedIdentity: ManagedIdentityChoice }>;
  /** The managed identity endpoint variables, handed to msal-node (which reads only process.env). */
  identityEndpoint: Readonly<Record<'IDENTITY_ENDPOINT' | 'IDENTITY_HEADER' | 'MSI_ENDPOINT' | 'MSI_SECRET', string>>;
  /** Who is @mentioned when the desk is called and a case has no assignee: a person (GUID) or a Teams tag. */
  deskMention?: Readonly<{ id: string; name: string; kind: 'person' | 'tag' }>;
  /** `/metrics`: on the main port with a bearer `token`, and/or on `port` (loopback only); both empty = off. */
  metrics: Readonly<{ token: string; port: number }>;
  /**
   * Where the stores keep their data: `lowdb` (files in DATA_DIR, one process) or `postgres`
   * (DATABASE_URL, any number of replicas). Log `redactedUrl`, never `databaseUrl`.
   */
  store: Readonly<{ kind: 'lowdb' | 'postgres'; databaseUrl: string; redactedUrl: string }>;
  /**
   * Installing the bot for people in a notice's audience who never opened it (Graph application
   * permission TeamsAppInstallation.ReadWriteForUser.All): on or off, the app's id in the org's
   * app catalog, and the pace of the Graph calls (Graph allows 30 installs per second per tenant).
   */
  proactiveInstall: Readonly<{ enabled: boolean; catalogAppId: string; ratePerSecond: number }>;
}>;

/** How Graph gets its token: the bot's client secret, or a managed identity (system- or user-assigned). */
export type ManagedIdentityChoice = { kind: 'none' } | { kind: 'system' } | { kind: 'user'; clientId: string };

/** The variable names the loader reads; the test compares them with `.env.example`. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

function crossCheck(raw: z.infer<typeof schema>): string[] {
  const problems: string[] = [];
  const production = raw.NODE_ENV === 'production';
  if (production && !raw.MicrosoftAppId) {
    problems.push('MicrosoftAppId: is empty, but NODE_ENV=production. Production needs the bot registration\'s app id, password and tenant; local mode (no authentication) is for development only.');
  }
  if (raw.MicrosoftAppId && !GUID.test(raw.MicrosoftAppId)) problems.push(`MicrosoftAppId: must be a GUID, got "${raw.MicrosoftAppId}"`);
  if (raw.MicrosoftAppId && raw.MicrosoftAppType !== 'UserAssignedMSI' && !raw.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: is required when MicrosoftAppId is set (except for UserAssignedMSI)');
  }
  if (raw.MicrosoftAppId && raw.MicrosoftAppType !== 'MultiTenant' && !raw.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: is required for MicrosoftAppType=${raw.MicrosoftAppType}`);
  }
  if (raw.BotOpenIdMetadata && !/^https?:\/\/\S+$/.test(raw.BotOpenIdMetadata)) problems.push(`BotOpenIdMetadata: must be an http(s) address, got "${raw.BotOpenIdMetadata}"`);
  if (raw.MicrosoftAppTenantId && !GUID.test(raw.MicrosoftAppTenantId)) problems.push(`MicrosoftAppTenantId: must be a GUID, got "${raw.MicrosoftAppTenantId}"`);
  if (raw.TUGIBOT_NOW) {
    if (production) problems.push('TUGIBOT_NOW: must not be set when NODE_ENV=production');
    else if (Number.isNaN(Date.parse(raw.TUGIBOT_NOW))) problems.push(`TUGIBOT_NOW: must be an ISO time such as 2026-12-01T08:00:00Z, got "${raw.TUGIBOT_NOW}"`);
  }
  if (raw.CARD_SIGNING_SECRET && raw.CARD_SIGNING_SECRET.length < 16) problems.push('CARD_SIGNING_SECRET: must be at least 16 characters');
  if (raw.KB_SUGGEST_THRESHOLD > raw.KB_ANSWER_THRESHOLD) problems.push('KB_SUGGEST_THRESHOLD: must not be above KB_ANSWER_THRESHOLD');
  for (const id of list(raw.SPECIALISTS)) if (!GUID.test(id)) problems.push(`SPECIALISTS: "${id}" is not an Entra object id (GUID)`);
  if (raw.MicrosoftAppPasswordExpiresOn && Number.isNaN(Date.parse(raw.MicrosoftAppPasswordExpiresOn))) {
    problems.push(`MicrosoftAppPasswordExpiresOn: must be an ISO date such as 2027-06-30, got "${raw.MicrosoftAppPasswordExpiresOn}"`);
  }
  const mi = raw.GRAPH_MANAGED_IDENTITY;
  if (mi && mi.toLowerCase() !== 'system' && !GUID.test(mi)) problems.push(`GRAPH_MANAGED_IDENTITY: must be "system" or the client id (GUID) of a user-assigned identity, got "${mi}"`);
  if (raw.GRAPH_BASE_URL && !/^https?:\/\/\S+$/.test(raw.GRAPH_BASE_URL)) problems.push(`GRAPH_BASE_URL: must be an http(s) address, got "${raw.GRAPH_BASE_URL}"`);
  if (raw.DESK_MENTION && !/^[^|]+\|[^|]+$/.test(raw.DESK_MENTION)) problems.push(`DESK_MENTION: must be "<id>|<name>" (an Entra object id or a Teams tag id, then the name shown), got "${raw.DESK_MENTION}"`);
  for (const id of list(raw.ALLOWED_TENANTS)) if (!GUID.test(id)) problems.push(`ALLOWED_TENANTS: "${id}" is not a tenant id (GUID)`);
  if (raw.HOST && !/^[0-9A-Za-z.:[\]-]+$/.test(raw.HOST)) problems.push(`HOST: must be an IP address or host name such as 127.0.0.1 or 0.0.0.0, got "${raw.HOST}"`);
  if (raw.METRICS_TOKEN && raw.METRICS_TOKEN.length < 16) problems.push('METRICS_TOKEN: must be at least 16 characters');
  if (raw.METRICS_PORT && raw.METRICS_PORT === raw.PORT) problems.push('METRICS_PORT: must differ from PORT (the metrics port listens on loopback only)');
  for (const id of list(raw.BROADCAST_CHANNEL_IDS)) if (!/^19:.+@thread\.(tacv2|skype)$/.test(id)) problems.push(`BROADCAST_CHANNEL_IDS: "${id}" is not a Teams channel id`);
  for (const rule of list(raw.NOTICE_AUTO_PUBLISH)) {
    if (!AUTO_RULE.test(rule)) problems.push(`NOTICE_AUTO_PUBLISH: "${rule}" must be system:severity with severity critical, major or minor, e.g. STAR:critical`);
  }
  problems.push(...storeProblems(raw));
  if (raw.PROACTIVE_INSTALL === 'on' && !raw.TEAMS_APP_CATALOG_ID) problems.push('TEAMS_APP_CATALOG_ID: is required when PROACTIVE_INSTALL=on (the app\'s id in the organisation\'s app catalog, from GET /appCatalogs/teamsApps)');
  return problems;
}

/** Outside production a local database is assumed; production must name its database. */
const LOCAL_DATABASE_URL = 'postgres://localhost:5432/tugibot';

function storeProblems(raw: z.infer<typeof schema>): string[] {
  if (raw.STORE !== 'postgres') return [];
  if (!raw.DATABASE_URL) {
    return raw.NODE_ENV === 'production' ? ['DATABASE_URL: is required when STORE=postgres and NODE_ENV=production (e.g. postgres://tugibot@db.example:5432/tugibot)'] : [];
  }
  let url: URL;
  try {
    url = new URL(raw.DATABASE_URL);
  } catch {
    // The value may hold a password: it is not repeated.
    return ['DATABASE_URL: must be a URL such as postgres://user:password@host:5432/database (the value given is not shown, it may hold a password)'];
  }
  return /^postgres(ql)?:$/.test(url.protocol) ? [] : [`DATABASE_URL: must start with postgres:// or postgresql://, got "${url.protocol}//..."`];
}

/** The database address without its password, for logs and error messages. */
/** The store's address: DATABASE_URL, else the local default on PostgreSQL; the redacted form beside it for logs. */
function storeOf(raw: z.infer<typeof schema>): Config['store'] {
  const databaseUrl = raw.DATABASE_URL || (raw.STORE === 'postgres' ? LOCAL_DATABASE_URL : '');
  return Object.freeze({ kind: raw.STORE, databaseUrl, redactedUrl: redactDatabaseUrl(databaseUrl) });
}

export function redactDatabaseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unreadable DATABASE_URL)';
  }
}

/** `GRAPH_MANAGED_IDENTITY` wins; a `UserAssignedMSI` bot uses its own identity for Graph too. */
function managedIdentityOf(raw: z.infer<typeof schema>): ManagedIdentityChoice {
  const mi = raw.GRAPH_MANAGED_IDENTITY;
  if (mi.toLowerCase() === 'system') return { kind: 'system' };
  if (mi) return { kind: 'user', clientId: mi };
  if (raw.MicrosoftAppType === 'UserAssignedMSI' && raw.MicrosoftAppId) return { kind: 'user', clientId: raw.MicrosoftAppId };
  return { kind: 'none' };
}

function deskMentionOf(value: string): Config['deskMention'] {
  if (!value) return undefined;
  const [id, name] = value.split('|').map((part) => part.trim());
  return Object.freeze({ id, name, kind: GUID.test(id) ? 'person' : 'tag' });
}

const AUTO_RULE = /^[^:\s]+:(critical|major|minor)$/i;

/**
 * Reads the environment once. Every bad or missing variable is named in one error; the result is
 * frozen and injected everywhere. No other file reads `process.env`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const raw = parsed.data;
  const problems = crossCheck(raw);
  if (problems.length > 0) throw new ConfigError(problems);

  // GUIDs are normalised to lower case once, here and at the edge, so comparisons never miss on case.
  const allowedTenants = list(raw.ALLOWED_TENANTS).map((id) => id.toLowerCase());
  if (allowedTenants.length === 0 && raw.MicrosoftAppTenantId) allowedTenants.push(raw.MicrosoftAppTenantId.toLowerCase());
  const localMode = raw.MicrosoftAppId === '';

  return Object.freeze({
    env: raw.NODE_ENV,
    production: raw.NODE_ENV === 'production',
    port: raw.PORT,
    host: raw.HOST || (localMode ? '127.0.0.1' : '0.0.0.0'),
    hostExplicit: raw.HOST !== '',
    localMode,
    bot: Object.freeze({ appId: raw.MicrosoftAppId, appPassword: raw.MicrosoftAppPassword, appType: raw.MicrosoftAppType, tenantId: raw.MicrosoftAppTenantId, openIdMetadataUrl: raw.BotOpenIdMetadata }),
    allowedTenants: Object.freeze(allowedTenants),
    dataDir: raw.DATA_DIR,
    knowledgeDir: raw.KNOWLEDGE_DIR,
    draftsDir: raw.DRAFTS_DIR || join(raw.DATA_DIR, 'drafts'),
    defaultLocale: raw.DEFAULT_LOCALE,
    logLevel: raw.LOG_LEVEL,
    specialists: Object.freeze(list(raw.SPECIALISTS).map((id) => id.toLowerCase())),
    specialistsChannelId: raw.SPECIALISTS_CHANNEL_ID,
    broadcastChannelIds: Object.freeze(list(raw.BROADCAST_CHANNEL_IDS)),
    incidentWebhookSecret: raw.INCIDENT_WEBHOOK_SECRET,
    alertmanagerToken: raw.ALERTMANAGER_TOKEN,
    directoryFile: raw.DIRECTORY_FILE,
    accessCatalogue: raw.ACCESS_CATALOGUE,
    startAt: raw.TUGIBOT_NOW ? new Date(raw.TUGIBOT_NOW) : undefined,
    cardSigningSecret: raw.CARD_SIGNING_SECRET,
    maxBodyBytes: raw.MAX_BODY_BYTES,
    kb: Object.freeze({ answerThreshold: raw.KB_ANSWER_THRESHOLD, suggestThreshold: raw.KB_SUGGEST_THRESHOLD }),
    cases: Object.freeze({
      reopenDays: raw.CASE_REOPEN_DAYS,
      dueHours: Object.freeze({ critical: raw.CASE_DUE_HOURS_CRITICAL, high: raw.CASE_DUE_HOURS_HIGH, normal: raw.CASE_DUE_HOURS_NORMAL, low: raw.CASE_DUE_HOURS_LOW }),
      reminderBeforeMinutes: raw.CASE_REMINDER_BEFORE_MINUTES,
      digestHour: raw.DIGEST_HOUR,
      retentionDays: raw.CASE_RETENTION_DAYS,
    }),
    broadcast: Object.freeze({ ratePerSecond: raw.BROADCAST_RATE_PER_SECOND, ratePerConversation: raw.BROADCAST_RATE_PER_CONVERSATION, maxAttempts: raw.BROADCAST_MAX_ATTEMPTS }),
    noticeAutoPublish: Object.freeze(list(raw.NOTICE_AUTO_PUBLISH).map((rule) => {
      const [system, severity] = rule.split(':');
      return Object.freeze({ system: system.toUpperCase(), severity: severity.toLowerCase() });
    })),
    access: Object.freeze({ reminderDays: raw.ACCESS_REMINDER_DAYS }),
    schedulerIntervalSeconds: raw.SCHEDULER_INTERVAL_SECONDS,
    appPasswordExpiresOn: raw.MicrosoftAppPasswordExpiresOn ? new Date(raw.MicrosoftAppPasswordExpiresOn) : undefined,
    graph: Object.freeze({ baseUrl: raw.GRAPH_BASE_URL.replace(/\/$/, ''), managedIdentity: managedIdentityOf(raw) }),
    identityEndpoint: Object.freeze({ IDENTITY_ENDPOINT: raw.IDENTITY_ENDPOINT, IDENTITY_HEADER: raw.IDENTITY_HEADER, MSI_ENDPOINT: raw.MSI_ENDPOINT, MSI_SECRET: raw.MSI_SECRET }),
    deskMention: deskMentionOf(raw.DESK_MENTION),
    metrics: Object.freeze({ token: raw.METRICS_TOKEN, port: raw.METRICS_PORT }),
    store: storeOf(raw),
    proactiveInstall: Object.freeze({ enabled: raw.PROACTIVE_INSTALL === 'on', catalogAppId: raw.TEAMS_APP_CATALOG_ID, ratePerSecond: raw.GRAPH_INSTALL_RATE_PER_SECOND }),
  });
}
