import type { Config } from '../../config.js';
import type { FeatureDeps, FeatureHandle } from '../../shared/feature.js';
import { say } from '../../shared/i18n.js';
import { langOf } from '../../shared/i18n.js';
import { textReply } from '../../shared/messaging.js';
import { tallinnDate } from '../../shared/tallinn-time.js';
import { T, daysLeft, warningDue } from './expiry-warnings.js';
import { readGraphExpiry, type GraphGet } from './read-expiry.js';

export { warningDue, daysLeft, WARN_DAYS } from './expiry-warnings.js';
export { readGraphExpiry, type GraphGet } from './read-expiry.js';

/** Which warnings went out, per expiry date: durable, so a restart does not warn again. */
export interface CredentialWarningStore {
  warned(expiresOn: string): Promise<number[]>;
  markWarned(expiresOn: string, thresholds: number[]): Promise<void>;
}

export type ExpirySource = 'graph' | 'setting' | 'managed-identity' | 'unknown';

export interface CredentialExpiry {
  expiresOn?: Date;
  source: ExpirySource;
}

export interface CredentialsHandle extends FeatureHandle {
  /** When the bot's client secret or certificate expires, if known (for /metrics). */
  credentialExpiry(): Date | undefined;
  /** For /readyz details. */
  details(): { expiresOn?: string; daysLeft?: number; source: ExpirySource };
}

const REFRESH_MS = 24 * 3_600_000;

/** The secret's expiry: Graph when the app may read its registration, else the setting, else unknown. */
async function resolveExpiry(config: Config, graph: GraphGet | undefined, log: FeatureDeps['logger']): Promise<CredentialExpiry> {
  if (config.bot.appType === 'UserAssignedMSI' && !config.bot.appPassword) return { source: 'managed-identity' };
  if (graph && config.bot.appId && config.bot.appPassword) {
    try {
      const expiresOn = await readGraphExpiry(graph, config.bot.appId, config.bot.appPassword);
      if (expiresOn) return { expiresOn, source: 'graph' };
    } catch (error) {
      log.info({ err: error }, 'cannot read the app registration from Graph (Application.Read.All not granted?); using MicrosoftAppPasswordExpiresOn');
    }
  }
  if (config.appPasswordExpiresOn) return { expiresOn: config.appPasswordExpiresOn, source: 'setting' };
  return { source: 'unknown' };
}

/**
 * Watches the bot's own credential: reads when it expires (once a day, so a renewed secret is
 * seen), warns the specialists' channel 30, 14, 7 and 1 days before and once it has expired, each
 * once across restarts. Without a way to tell, it says so once in the log at start.
 */
export function registerCredentials(deps: FeatureDeps, store: CredentialWarningStore, graph?: GraphGet): CredentialsHandle {
  const { config, conversations, messenger } = deps;
  const log = deps.logger.child({ feature: 'credentials' });
  let current: CredentialExpiry | undefined;
  let checkedAt = 0;
  const lang = langOf(config.defaultLocale);

  async function refresh(now: Date): Promise<CredentialExpiry> {
    if (current && now.getTime() - checkedAt < REFRESH_MS) return current;
    const first = !current;
    current = await resolveExpiry(config, graph, log);
    checkedAt = now.getTime();
    if (first && current.source === 'unknown' && !config.localMode) {
      log.warn('cannot tell when the bot\'s client secret expires: grant the app Application.Read.All or set MicrosoftAppPasswordExpiresOn');
    } else if (first && current.expiresOn) {
      log.info({ expiresOn: current.expiresOn.toISOString(), source: current.source, daysLeft: daysLeft(current.expiresOn, now) }, 'client secret expiry known');
    }
    return current;
  }

  async function warn(now: Date): Promise<void> {
    const expiresOn = current?.expiresOn;
    if (!expiresOn) return;
    const key = expiresOn.toISOString();
    const due = warningDue(expiresOn, now, await store.warned(key));
    if (!due) return;
    const channel = config.specialistsChannelId ? await conversations.channel(config.specialistsChannelId) : undefined;
    if (!channel) {
      log.warn({ daysLeft: due.days }, 'the client secret expires soon, but the specialists channel is not known yet; the warning waits');
      return;
    }
    const text = due.days === 0 ? T.expired : due.days === 1 ? T.expiresTomorrow : T.expiresIn;
    await messenger.postToChannel(channel, textReply(say(text, lang, { days: due.days, date: tallinnDate(expiresOn) })));
    await store.markWarned(key, due.covers);
    log.warn({ daysLeft: due.days, expiresOn: key }, 'warned the specialists channel: the client secret expires');
  }

  return {
    name: 'credentials',
    async tick(now) {
      await refresh(now);
      await warn(now);
    },
    credentialExpiry: () => current?.expiresOn,
    details() {
      const expiresOn = current?.expiresOn;
      return {
        source: current?.source ?? 'unknown',
        ...(expiresOn ? { expiresOn: expiresOn.toISOString(), daysLeft: daysLeft(expiresOn, deps.clock.now()) } : {}),
      };
    },
  };
}
