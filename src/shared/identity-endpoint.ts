import type { Config } from '../config.js';

/**
 * msal-node (for Graph) and botbuilder's @azure/identity (for a `UserAssignedMSI` bot) find the
 * managed identity endpoint only in `process.env`, with no option to pass it. `loadConfig` is the
 * one reader of the environment, so the values it validated are handed over here, before the
 * first token is asked for. Values the platform already set are left as they are.
 */
// eslint-disable-next-line no-restricted-properties -- the one write: msal-node reads only process.env; nothing here reads it for the bot
export function handOverIdentityEndpoint(endpoint: Config['identityEndpoint'], env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(endpoint)) {
    if (value && !env[name]) env[name] = value;
  }
}
