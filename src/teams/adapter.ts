import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import { activitySchema, describeActivityIssues } from './activity-schema.js';
import { tenantOf } from './address.js';
import { handOverIdentityEndpoint } from '../shared/identity-endpoint.js';
import { precheckToken } from './precheck-token.js';

type Authenticated = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export type ScreenResult = { ok: true; activity: Partial<Activity>; auth: Authenticated } | { ok: false; status: number; reason: string };

const INVALID_TOKEN = 'The Bot Framework token is not valid for this bot.';

/** CloudAdapter, run on a request the edge has already authenticated (see `TeamsEdge.screen`). */
class ScreenedAdapter extends CloudAdapter {
  run(auth: Authenticated, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * botbuilder's settings. With `BotOpenIdMetadata` set (another cloud, or a test's issuer on
 * loopback) botbuilder wants every endpoint named, so the public cloud's are given with it.
 */
function authenticationSettings(config: Config): Record<string, string> {
  const settings: Record<string, string> = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    // botbuilder insists on an app id for SingleTenant; local mode has none and needs no tokens.
    MicrosoftAppType: config.localMode ? 'MultiTenant' : config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  };
  if (!config.bot.openIdMetadataUrl) return settings;
  return {
    ...settings,
    ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
  };
}

/** An ISO date string becomes a Date, as botbuilder's own request path does before a turn. */
function withDates(activity: Partial<Activity>): Activity {
  const fixed = { ...activity } as Activity & Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = fixed[field] as unknown;
    if (typeof value === 'string') {
      fixed[`raw${field[0].toUpperCase()}${field.slice(1)}`] = value;
      (fixed as Record<string, unknown>)[field] = new Date(value);
    }
  }
  return fixed;
}

/**
 * The Bot Framework side of `POST /api/messages`: screens a request (token, shape, tenant) and runs
 * the turn through CloudAdapter. In local mode (no app id) there is no token check, as in
 * botbuilder itself.
 */
export class TeamsEdge {
  readonly adapter: ScreenedAdapter;
  private readonly auth: ConfigurationBotFrameworkAuthentication;

  constructor(private readonly config: Config) {
    // A UserAssignedMSI bot gets its connector tokens from the managed identity endpoint.
    if (config.bot.appType === 'UserAssignedMSI') handOverIdentityEndpoint(config.identityEndpoint);
    this.auth = new ConfigurationBotFrameworkAuthentication(authenticationSettings(config));
    this.adapter = new ScreenedAdapter(this.auth);
  }

  /**
   * Checks the caller before a byte of the body is read: the token's shape, algorithm, audience
   * and lifetime (`precheckToken`), then its signature, issuer and audience by botbuilder's own
   * validation against the Bot Framework's published keys (fetched once and cached by botbuilder).
   * What needs the activity (the channel's endorsement of the key, the token's service URL) is
   * checked in `screen` once the body is read. In local mode every caller is admitted.
   */
  async admit(authorization: string | undefined, nowSeconds = Date.now() / 1000): Promise<{ status: number; reason: string } | undefined> {
    if (this.config.localMode) return undefined;
    const reason = precheckToken(authorization, this.config.bot.appId, nowSeconds);
    if (reason) return { status: 401, reason };
    try {
      // No channel and no service URL yet: botbuilder skips exactly those two checks for now.
      await this.auth.authenticateRequest({ channelId: '', serviceUrl: '' } as Activity, authorization ?? '');
      return undefined;
    } catch (error) {
      return this.refusalOf(error);
    }
  }

  /** A token that does not verify is 401; keys that cannot be loaded are ours to fix (503). */
  private refusalOf(error: unknown): { status: number; reason: string } {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 500) return { status: 503, reason: 'The Bot Framework signing keys could not be loaded; try again later.' };
    return { status: 401, reason: INVALID_TOKEN };
  }

  /**
   * Checks a request before the turn runs: the activity's shape (every field the bot reads, with
   * GUIDs lower-cased), the full token check with the activity (botbuilder's), the tenant. The
   * answer says why it is refused, or carries the checked activity that the turn must run on.
   */
  async screen(body: unknown, authorization: string | undefined): Promise<ScreenResult> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return { ok: false, status: 400, reason: 'The body must be a Bot Framework activity (a JSON object).' };
    }
    const type = (body as { type?: unknown }).type;
    if (typeof type !== 'string' || type === '') return { ok: false, status: 400, reason: 'The activity has no type.' };
    const checked = activitySchema.safeParse(body);
    if (!checked.success) return { ok: false, status: 400, reason: `The activity is not valid: ${describeActivityIssues(checked.error)}` };
    const activity = checked.data as Partial<Activity>;
    if (!this.config.localMode && !authorization) return { ok: false, status: 401, reason: 'A Bot Framework token is required (Authorization: Bearer ...).' };
    let auth: Authenticated;
    try {
      // In local mode botbuilder's authentication is disabled and this returns an anonymous caller.
      auth = await this.auth.authenticateRequest(activity as Activity, authorization ?? '');
    } catch (error) {
      return { ok: false, ...this.refusalOf(error) };
    }
    const allowed = this.config.allowedTenants;
    if (allowed.length > 0) {
      const tenant = tenantOf(activity);
      if (!tenant || !allowed.includes(tenant)) {
        return { ok: false, status: 403, reason: `Tenant ${tenant ?? '(none)'} is not allowed to use this bot.` };
      }
    }
    return { ok: true, activity, auth };
  }

  /**
   * Runs the turn on a screened request, with the authentication `screen` did (botbuilder's
   * `CloudAdapter.process` would verify the token a third time). Answers an invoke's response.
   */
  process(screened: Extract<ScreenResult, { ok: true }>, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.adapter.run(screened.auth, withDates(screened.activity), logic);
  }
}
