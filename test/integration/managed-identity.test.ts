import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { graphDirectoryFor } from '../../src/features/directory/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { FakeConnector } from '../support/fake-connector.js';
import { FakeIdentityEndpoint } from '../support/fake-identity.js';
import { KATI, TENANT, BOT } from '../support/activities.js';

const MSI_CLIENT_ID = 'e5e5e5e5-0000-4000-8000-000000000005';
const JUHT = 'd4d4d4d4-0000-4000-8000-000000000004';

/** A fake Graph that knows Kati and her manager, and records the bearer tokens it was shown. */
function fakeGraph(): { server: Server; auth: string[] } {
  const auth: string[] = [];
  const server = createServer((req, res) => {
    auth.push(String(req.headers.authorization));
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (path === `/v1.0/users/${KATI.aadObjectId}`) return json(200, { id: KATI.aadObjectId, displayName: KATI.name });
    if (path === `/v1.0/users/${KATI.aadObjectId}/manager`) return json(200, { id: JUHT });
    return json(404, { error: { code: 'Request_ResourceNotFound' } });
  });
  return { server, auth };
}

describe('managed identity against a fake identity endpoint on loopback', () => {
  const identity = new FakeIdentityEndpoint();
  const graph = fakeGraph();
  const connector = new FakeConnector();
  let graphUrl = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-msi-'));

  beforeAll(async () => {
    await identity.start();
    await connector.start();
    await new Promise<void>((resolve) => graph.server.listen(0, '127.0.0.1', resolve));
    graphUrl = `http://127.0.0.1:${(graph.server.address() as AddressInfo).port}/v1.0`;
  });
  afterAll(async () => {
    await identity.stop();
    await connector.stop();
    await new Promise<void>((resolve) => graph.server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
    // msal-node reads the endpoint from process.env; the app handed it over there.
    for (const name of ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER']) Reflect.deleteProperty(process.env, name);
  });

  const msiEnv = () => ({
    MicrosoftAppId: MSI_CLIENT_ID,
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppTenantId: TENANT,
    IDENTITY_ENDPOINT: identity.url,
    IDENTITY_HEADER: identity.header,
    GRAPH_BASE_URL: graphUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CARD_SIGNING_SECRET: 'test-secret-test-secret-test-secret',
  });

  it('a UserAssignedMSI bot reads the directory from Graph with its managed identity, not an empty one', async () => {
    const directory = graphDirectoryFor(loadConfig(msiEnv()), silentLogger());
    const person = await directory.find(KATI.aadObjectId);
    expect(person).toMatchObject({ id: KATI.aadObjectId, name: KATI.name, managerId: JUHT });
    expect(graph.auth).toContain('Bearer mi-token-for-graph.microsoft.com');
    const graphRequest = identity.requests.find((request) => request.resource.startsWith('https://graph.microsoft.com'));
    expect(graphRequest).toMatchObject({ clientId: MSI_CLIENT_ID, header: identity.header });
  });

  it('the bot itself sends with a connector token from the managed identity', async () => {
    const app = await buildApp(loadConfig(msiEnv()), { logger: silentLogger() });
    try {
      await app.messenger.send(
        { channel: 'msteams', serviceUrl: connector.url, tenantId: TENANT, conversationId: 'a:personal-kati', kind: 'personal', bot: { id: `28:${MSI_CLIENT_ID}`, name: BOT.name } },
        { kind: 'text', text: 'Tere' },
      );
    } finally {
      await app.close();
    }
    const sent = connector.sends('a:personal-kati');
    expect(sent).toHaveLength(1);
    expect(sent[0].authorization).toBe('Bearer mi-token-for-api.botframework.com');
    expect(identity.requests.some((request) => request.resource.includes('api.botframework.com') && request.clientId === MSI_CLIENT_ID)).toBe(true);
  });

  it('a deployed bot without any Graph credentials refuses to start instead of running with an empty directory', async () => {
    const config = loadConfig({ MicrosoftAppId: MSI_CLIENT_ID, MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: 'secret-value', DATA_DIR: dataDir, LOG_LEVEL: 'silent', CARD_SIGNING_SECRET: 'test-secret-test-secret-test-secret' });
    await expect(buildApp(config, { logger: silentLogger() })).rejects.toThrow(/Microsoft Graph: no credentials for the directory/);
  });

  it('GRAPH_MANAGED_IDENTITY chooses a system- or user-assigned identity, and is checked', () => {
    expect(loadConfig({ GRAPH_MANAGED_IDENTITY: 'system' }).graph.managedIdentity).toEqual({ kind: 'system' });
    expect(loadConfig({ GRAPH_MANAGED_IDENTITY: MSI_CLIENT_ID }).graph.managedIdentity).toEqual({ kind: 'user', clientId: MSI_CLIENT_ID });
    expect(loadConfig({}).graph.managedIdentity).toEqual({ kind: 'none' });
    expect(() => loadConfig({ GRAPH_MANAGED_IDENTITY: 'mine' })).toThrow(/GRAPH_MANAGED_IDENTITY: must be "system" or the client id/);
  });
});
