import { ManagedIdentityApplication } from '@azure/msal-node';
import type { TokenSource } from './msal-token-source.js';

const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/**
 * App-only Graph tokens from a managed identity (App Service, Container Apps, a VM's IMDS):
 * system-assigned, or user-assigned by client id. msal-node caches the token and asks the
 * identity endpoint again only near expiry.
 */
export class ManagedIdentityTokenSource implements TokenSource {
  private readonly app: ManagedIdentityApplication;

  constructor(identity: { kind: 'system' } | { kind: 'user'; clientId: string }) {
    this.app = new ManagedIdentityApplication(identity.kind === 'user' ? { managedIdentityIdParams: { userAssignedClientId: identity.clientId } } : {});
  }

  async token(): Promise<string> {
    const result = await this.app.acquireToken({ resource: GRAPH_RESOURCE });
    if (!result?.accessToken) throw new Error('Microsoft Graph: the managed identity returned no access token.');
    return result.accessToken;
  }
}
