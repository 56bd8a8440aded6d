import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import { tenantOf } from './address.js';
import { handOverIdentityEndpoint } from '../shared/identity-endpoint.js';

export type ScreenResult = { ok: true } | { ok: false; status: number; reason: string };

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

  /** Checks a request before the turn runs; the answer says why it is refused. */
  async screen(body: unknown, authorization: string | undefined): Promise<ScreenResult> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return { ok: false, status: 400, reason: 'The body must be a Bot Framework activity (a JSON object).' };
    }
    const activity = body as Partial<Activity>;
    if (typeof activity.type !== 'string' || activity.type === '') {
      return { ok: false, status: 400, reason: 'The activity has no type.' };
    }
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
    return { ok: true };
  }

  process(request: Request, response: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.adapter.process(request, response, logic);
  }
}
