import { parseArgs } from 'node:util';

export const DEFAULT_URL = 'http://127.0.0.1:3978/api/messages';
/** "Kati Kasutaja", the default test user (an invented Entra object id). */
export const DEFAULT_USER = '6f1e2d3c-4b5a-4987-8c6d-5e4f3a2b1c0d';
export const DEFAULT_USER_NAME = 'Kati Kasutaja';
/** An invented tenant id; a bot in local mode with no ALLOWED_TENANTS accepts it. */
export const DEFAULT_TENANT = '8b2f1c3e-5d4a-4e6b-9f70-1a2b3c4d5e6f';
export const DEFAULT_LOCALE = 'et-EE';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANNEL = /^19:.+@thread\.(tacv2|skype)$/;
const LOCALE = /^(et|en)(-[A-Za-z]{2})?$/;

export interface ChatOptions {
  url: string;
  user: string;
  name: string;
  locale: string;
  tenant: string;
  /** Talk in this team channel instead of the personal chat. */
  channel?: string;
  /** The team of `channel`; Teams gives the General channel the team's id, so that is the default. */
  team?: string;
  /** The loopback port of the client's own Bot Connector; 0 picks a free one. */
  port: number;
}

export type ParsedOptions = { kind: 'run'; options: ChatOptions } | { kind: 'help' } | { kind: 'error'; problems: string[] };

export const isGuid = (value: string): boolean => GUID.test(value);
export const isChannelId = (value: string): boolean => CHANNEL.test(value);
export const isLocale = (value: string): boolean => LOCALE.test(value);

/** A name for a user the client knows nothing about. */
export function defaultNameFor(user: string): string {
  return user.toLowerCase() === DEFAULT_USER ? DEFAULT_USER_NAME : `Kasutaja ${user.slice(0, 8)}`;
}

/** Expands `et` / `en` to `et-EE` / `en-US`. */
export function normaliseLocale(locale: string): string {
  if (locale.toLowerCase() === 'et') return 'et-EE';
  if (locale.toLowerCase() === 'en') return 'en-US';
  return locale;
}

function problemsOf(options: ChatOptions): string[] {
  const problems: string[] = [];
  try {
    const url = new URL(options.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`--url: must be an http(s) URL, got "${options.url}"`);
  } catch {
    problems.push(`--url: must be a URL such as ${DEFAULT_URL}, got "${options.url}"`);
  }
  if (!isGuid(options.user)) problems.push(`--user: must be an Entra object id (GUID), got "${options.user}"`);
  if (!isGuid(options.tenant)) problems.push(`--tenant: must be a tenant id (GUID), got "${options.tenant}"`);
  if (!isLocale(options.locale)) problems.push(`--locale: must be et-EE or en-US (or et / en), got "${options.locale}"`);
  if (options.channel !== undefined && !isChannelId(options.channel)) problems.push(`--channel: must be a channel id such as 19:abc@thread.tacv2, got "${options.channel}"`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) problems.push(`--port: must be a port number from 0 to 65535`);
  return problems;
}

/** Reads the command line (`process.argv.slice(2)`); reads no environment. */
export function parseChatOptions(argv: string[]): ParsedOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        user: { type: 'string' },
        name: { type: 'string' },
        locale: { type: 'string' },
        tenant: { type: 'string' },
        channel: { type: 'string' },
        team: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', problems: [(error as Error).message] };
  }
  if (values.help) return { kind: 'help' };
  const user = (values.user ?? DEFAULT_USER).toLowerCase();
  const options: ChatOptions = {
    url: values.url ?? DEFAULT_URL,
    user,
    name: values.name ?? defaultNameFor(user),
    locale: normaliseLocale(values.locale ?? DEFAULT_LOCALE),
    tenant: (values.tenant ?? DEFAULT_TENANT).toLowerCase(),
    channel: values.channel,
    team: values.team,
    port: values.port === undefined ? 0 : Number(values.port),
  };
  const problems = problemsOf(options);
  return problems.length > 0 ? { kind: 'error', problems } : { kind: 'run', options };
}

/** `npm run chat -- --help`; in English, since no locale is chosen yet. */
export const USAGE = `Tugibot local chat: talk to the bot as if in Microsoft Teams, with no Teams or Azure.

Usage: npm run chat [-- options]

  --url URL         the bot's endpoint (default ${DEFAULT_URL})
  --user GUID       your Entra object id (default ${DEFAULT_USER}, "${DEFAULT_USER_NAME}")
  --name NAME       your display name (default: ${DEFAULT_USER_NAME} for the default user)
  --locale LOCALE   et-EE (default) or en-US; also the client's own language
  --tenant GUID     the tenant id (default ${DEFAULT_TENANT})
  --channel ID      talk in a team channel (19:...@thread.tacv2), mentioning the bot
  --team ID         the team of that channel (default: the channel id, as for General)
  --port N          the port of the client's own Bot Connector (default: a free one)
  -h, --help        this text

Start the bot first (npm start, local mode: MicrosoftAppId empty). The client acts as the Bot
Connector itself on 127.0.0.1, so the bot's proactive messages (specialists' replies, incident
notices, updated cards) appear in the chat. Inside the chat, /help lists the client's commands.`;
