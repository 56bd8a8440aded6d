import type { Config } from '../../config.js';
import type { Directory } from '../../shared/directory.js';
import { emptyDirectory } from '../../shared/directory.js';
import { ConfigError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { GraphDirectory } from './graph-directory.js';
import { handOverIdentityEndpoint } from '../../shared/identity-endpoint.js';
import { ManagedIdentityTokenSource } from './managed-identity-token-source.js';
import { MsalTokenSource, type TokenSource } from './msal-token-source.js';

export { GraphDirectory, GraphError, waitMs, type GraphDirectoryOptions, type GraphAnswer } from './graph-directory.js';
export { MsalTokenSource, type TokenSource, type ClientCredentials } from './msal-token-source.js';
export { ManagedIdentityTokenSource } from './managed-identity-token-source.js';

/**
 * Where Graph tokens come from: a managed identity when one is chosen (`GRAPH_MANAGED_IDENTITY`,
 * or the bot's own with `MicrosoftAppType=UserAssignedMSI`), else the client credentials of the
 * bot's app registration. `undefined` only in local mode without credentials.
 */
export function graphTokensFor(config: Config): { tokens: TokenSource; how: 'managed-identity' | 'client-secret' } | undefined {
  const identity = config.graph.managedIdentity;
  if (identity.kind !== 'none') {
    handOverIdentityEndpoint(config.identityEndpoint);
    return { tokens: new ManagedIdentityTokenSource(identity), how: 'managed-identity' };
  }
  const { appId, appPassword, tenantId } = config.bot;
  if (appId && appPassword && tenantId) return { tokens: new MsalTokenSource({ tenantId, clientId: appId, clientSecret: appPassword }), how: 'client-secret' };
  return undefined;
}

/**
 * The Graph-backed directory for a deployment (application permission User.Read.All). Approvals
 * need managers, so a deployed bot without Graph credentials refuses to start; only local mode
 * runs with an empty directory, and says so.
 */
export function graphDirectoryFor(config: Config, logger: Logger): Directory {
  const graph = graphTokensFor(config);
  if (!graph) {
    if (!config.localMode) {
      throw new ConfigError([
        'Microsoft Graph: no credentials for the directory (approvals need managers). Set MicrosoftAppPassword with MicrosoftAppTenantId, or GRAPH_MANAGED_IDENTITY, or DIRECTORY_FILE.',
      ]);
    }
    logger.warn({ feature: 'directory' }, 'local mode without DIRECTORY_FILE or Graph credentials; the directory is empty');
    return emptyDirectory;
  }
  logger.info({ feature: 'directory', graph: graph.how }, 'directory from Microsoft Graph');
  return new GraphDirectory({ tokens: graph.tokens, baseUrl: config.graph.baseUrl });
}

/** App-only Graph reads other than people (the bot's own app registration), or undefined without credentials. */
export function graphReaderFor(config: Config): (<T>(path: string) => Promise<T | undefined>) | undefined {
  const graph = graphTokensFor(config);
  if (!graph) return undefined;
  const client = new GraphDirectory({ tokens: graph.tokens, baseUrl: config.graph.baseUrl, maxRetries: 2 });
  return (path) => client.get(path);
}

/** The app-only Graph client for writes the bot paces itself (proactive installs), or undefined without credentials. */
export function graphClientFor(config: Config): GraphDirectory | undefined {
  const graph = graphTokensFor(config);
  return graph && new GraphDirectory({ tokens: graph.tokens, baseUrl: config.graph.baseUrl });
}
