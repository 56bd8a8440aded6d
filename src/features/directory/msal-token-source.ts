import { ConfidentialClientApplication } from '@azure/msal-node';

/** Where the Graph client gets its bearer token. */
export interface TokenSource {
  token(): Promise<string>;
}

export interface ClientCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to the public cloud's login host. */
  authorityHost?: string;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * App-only tokens for Microsoft Graph by client credentials. One ConfidentialClientApplication per
 * process: MSAL keeps the token in its cache and asks Entra for a new one only near expiry.
 */
export class MsalTokenSource implements TokenSource {
  private readonly app: ConfidentialClientApplication;

  constructor(credentials: ClientCredentials) {
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        authority: `${credentials.authorityHost ?? 'https://login.microsoftonline.com'}/${credentials.tenantId}`,
      },
    });
  }

  async token(): Promise<string> {
    const result = await this.app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    if (!result?.accessToken) throw new Error('Microsoft Graph: no access token was returned for the client credentials.');
    return result.accessToken;
  }
}
