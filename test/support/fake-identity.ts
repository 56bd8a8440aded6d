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
