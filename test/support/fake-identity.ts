import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One token request the fake identity endpoint answered. */
export interface IdentityRequest {
  resource: string;
  clientId?: string;
  header?: string;
}

/**
 * The App Service / Container Apps managed identity endpoint on loopback (`IDENTITY_ENDPOINT`,
 * secret header `X-IDENTITY-HEADER`, api-version 2019-08-01). Answers a token named after the
 * resource it is for, so a test can tell the Graph token from the Bot Connector one.
 */
export class FakeIdentityEndpoint {
  readonly requests: IdentityRequest[] = [];
  readonly header = 'fake-identity-header-secret';
  private server?: Server;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const resource = url.searchParams.get('resource') ?? '';
      const header = req.headers['x-identity-header'];
      this.requests.push({ resource, clientId: url.searchParams.get('client_id') ?? undefined, header: typeof header === 'string' ? header : undefined });
      res.writeHead(header === this.header ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(header === this.header
        ? { access_token: `mi-token-for-${new URL(resource).hostname}`, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource, token_type: 'Bearer' }
        : { error: 'unauthorized', error_description: 'wrong X-IDENTITY-HEADER' }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/msi/token`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface BotTokenOptions {
  /** The service URL the token is for (Teams' `serviceurl` claim). */
  serviceUrl: string;
  /** Seconds from now until it expires (negative: already expired). */
  expiresIn?: number;
  /** Sign with a key the issuer never published, under the published key id: a forged token. */
  forged?: boolean;
  issuer?: string;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The Bot Framework's token issuer on loopback: an OpenID metadata document (botbuilder's
 * `BotOpenIdMetadata`) naming a JWKS with one RSA key endorsed for `msteams`, and tokens signed
 * with it the way the Bot Connector signs its calls to a bot (RS256, `iss` api.botframework.com,
 * `aud` the bot's app id, `serviceurl`). Counts the fetches, so a test can see the keys are cached.
 */
export class FakeBotFrameworkIssuer {
  readonly kid = 'fake-botframework-key';
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: Server;
  metadataUrl = '';
  fetches = 0;

  async start(): Promise<string> {
    const jwk = this.key.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      this.fetches += 1;
      const base = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
      const path = new URL(req.url ?? '/', base).pathname;
      res.writeHead(path === '/keys' || path === '/openidconfiguration' ? 200 : 404, { 'content-type': 'application/json' });
      if (path === '/openidconfiguration') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      else if (path === '/keys') res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
      else res.end('{}');
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.metadataUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/openidconfiguration`;
    return this.metadataUrl;
  }

  /** `Bearer <jwt>` for a call from the Bot Connector to the bot `appId`. */
  authorization(appId: string, options: BotTokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url({ alg: 'RS256', typ: 'JWT', kid: this.kid });
    const claims = base64url({ iss: options.issuer ?? 'https://api.botframework.com', aud: appId, serviceurl: options.serviceUrl, nbf: now - 60, iat: now - 60, exp: now + (options.expiresIn ?? 3600) });
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), (options.forged ? this.stranger : this.key).privateKey).toString('base64url');
    return `Bearer ${header}.${claims}.${signature}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
