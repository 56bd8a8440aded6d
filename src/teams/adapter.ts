import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import { activitySchema, describeActivityIssues } from './activity-schema.js';
import { tenantOf } from './address.js';
import { handOverIdentityEndpoint } from '../shared/identity-endpoint.js';
import { precheckToken } from './precheck-token.js';

export type ScreenResult = { ok: true; activity: Partial<Activity> } | { ok: false; status: number; reason: string };

/**
 * The Bot Framework side of `POST /api/messages`: screens a request (shape, token, tenant) and runs
 * the turn through CloudAdapter. In local mode (no app id) there is no token check, as in
 * botbuilder itself.
 */
export class TeamsEdge {
  readonly adapter: CloudAdapter;
  private readonly auth: ConfigurationBotFrameworkAuthentication;

  constructor(private readonly config: Config) {
    // A UserAssignedMSI bot gets its connector tokens from the managed identity endpoint.
    if (config.bot.appType === 'UserAssignedMSI') handOverIdentityEndpoint(config.identityEndpoint);
    this.auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.appPassword,
      // botbuilder insists on an app id for SingleTenant; local mode has none and needs no tokens.
      MicrosoftAppType: config.localMode ? 'MultiTenant' : config.bot.appType,
      MicrosoftAppTenantId: config.bot.tenantId,
    });
    this.adapter = new CloudAdapter(this.auth);
  }

  /**
   * Checks the Authorization header before the body is read (see `precheckToken`); in local mode
   * every caller is admitted. Returns the refusal, or nothing.
   */
  admit(authorization: string | undefined, nowSeconds = Date.now() / 1000): { status: number; reason: string } | undefined {
    if (this.config.localMode) return undefined;
    const reason = precheckToken(authorization, this.config.bot.appId, nowSeconds);
    return reason ? { status: 401, reason } : undefined;
  }

  /**
   * Checks a request before the turn runs: the activity's shape (every field the bot reads, with
   * GUIDs lower-cased), the token, the tenant. The answer says why it is refused, or carries the
   * checked activity that the turn must run on.
   */
  async screen(body: unknown, authorization: string | undefined): Promise<ScreenResult> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return { ok: false, status: 400, reason: 'The body must be a Bot Framework activity (a JSON object).' };
    }
    const type = (body as { type?: unknown }).type;
    if (typeof type !== 'string' || type === '') {
      return { ok: false, status: 400, reason: 'The activity has no type.' };
    }
    const checked = activitySchema.safeParse(body);
    if (!checked.success) return { ok: false, status: 400, reason: `The activity is not valid: ${describeActivityIssues(checked.error)}` };
    const activity = checked.data as Partial<Activity>;
    if (!this.config.localMode) {
      if (!authorization) return { ok: false, status: 401, reason: 'A Bot Framework token is required (Authorization: Bearer ...).' };
      try {
        await this.auth.authenticateRequest(activity as Activity, authorization);
      } catch {
        return { ok: false, status: 401, reason: 'The Bot Framework token is not valid for this bot.' };
      }
    }
    const allowed = this.config.allowedTenants;
    if (allowed.length > 0) {
      const tenant = tenantOf(activity);
      if (!tenant || !allowed.includes(tenant)) {
        return { ok: false, status: 403, reason: `Tenant ${tenant ?? '(none)'} is not allowed to use this bot.` };
      }
    }
    return { ok: true, activity };
  }

  process(request: Request, response: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.adapter.process(request, response, logic);
  }
}
