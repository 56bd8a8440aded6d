import type { Config } from '../../config.js';
import type { Directory } from '../../shared/directory.js';
import { emptyDirectory } from '../../shared/directory.js';
import type { Logger } from '../../shared/logger.js';
import { GraphDirectory } from './graph-directory.js';
import { MsalTokenSource } from './msal-token-source.js';

export { GraphDirectory, GraphError, waitMs, type GraphDirectoryOptions } from './graph-directory.js';
export { MsalTokenSource, type TokenSource, type ClientCredentials } from './msal-token-source.js';

/**
 * The Graph-backed directory for a deployment: client credentials of the bot's own app
 * registration (it needs the application permission User.Read.All). Outside that (local mode,
 * managed identity without a secret) the bot runs with an empty directory and says so.
 */
export function graphDirectoryFor(config: Config, logger: Logger): Directory {
  const { appId, appPassword, tenantId } = config.bot;
  if (config.localMode || !appId || !appPassword || !tenantId) {
    logger.warn({ feature: 'directory' }, 'no Graph credentials (app id, password and tenant); the directory is empty');
    return emptyDirectory;
  }
  return new GraphDirectory({ tokens: new MsalTokenSource({ tenantId, clientId: appId, clientSecret: appPassword }) });
}
