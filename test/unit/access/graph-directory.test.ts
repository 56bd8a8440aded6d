import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphDirectory, waitMs } from '../../../src/features/directory/index.js';

const KATI = 'a1a1a1a1-0000-4000-8000-000000000001';
const JUHT = 'd4d4d4d4-0000-4000-8000-000000000004';

/** A fake Microsoft Graph on loopback: answers the first user lookup with 429 + Retry-After. */
function fakeGraph(): { server: Server; hits: string[]; auth: string[] } {
  const hits: string[] = [];
  const auth: string[] = [];
  let throttled = false;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    hits.push(`${url.pathname}${url.search}`);
    auth.push(String(req.headers.authorization));
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === `/v1.0/users/${KATI}` && !throttled) {
      throttled = true;
      return json(429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': '1' });
    }
    if (url.pathname === `/v1.0/users/${KATI}`) return json(200, { id: KATI, displayName: 'Kati Kasutaja', mail: 'kati@ska.ee', jobTitle: 'Pensionide menetleja', department: 'Hüvitiste osakond' });
    if (url.pathname === `/v1.0/users/${KATI}/manager`) return json(200, { id: JUHT });
    if (url.pathname === `/v1.0/users/${JUHT}/directReports` && !url.searchParams.has('page')) {
      return json(200, { value: [{ '@odata.type': '#microsoft.graph.user', id: KATI, displayName: 'Kati Kasutaja' }, { '@odata.type': '#microsoft.graph.orgContact', id: 'x', displayName: 'Contact' }], '@odata.nextLink': `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0/users/${JUHT}/directReports?page=2` });
    }
    if (url.pathname === `/v1.0/users/${JUHT}/directReports`) return json(200, { value: [{ '@odata.type': '#microsoft.graph.user', id: 'mari', displayName: 'Mari Maasikas', jobTitle: 'Pensionide menetleja' }] });
    if (url.pathname === '/v1.0/users/boom') return json(500, { error: { code: 'InternalServerError' } });
    return json(404, { error: { code: 'Request_ResourceNotFound' } });
  });
  return { server, hits, auth };
}

describe('GraphDirectory against a fake Graph on loopback', () => {
  const graph = fakeGraph();
  let directory: GraphDirectory;
  const waits: number[] = [];
  let tokenCalls = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => graph.server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(graph.server.address() as AddressInfo).port}/v1.0`;
    directory = new GraphDirectory({
      baseUrl,
      tokens: { token: async () => { tokenCalls += 1; return 'token-1'; } },
      sleep: async (ms) => { waits.push(ms); },
    });
  });
  afterAll(() => new Promise<void>((resolve) => graph.server.close(() => resolve())));

  it('finds a person with their manager, waiting as told after a 429', async () => {
    const person = await directory.find(KATI);
    expect(person).toEqual({ id: KATI, name: 'Kati Kasutaja', email: 'kati@ska.ee', jobTitle: 'Pensionide menetleja', department: 'Hüvitiste osakond', managerId: JUHT });
    expect(waits).toEqual([1000]);
    expect(graph.hits.slice(0, 3)).toEqual([
      `/v1.0/users/${KATI}?$select=id,displayName,mail,jobTitle,department`,
      `/v1.0/users/${KATI}?$select=id,displayName,mail,jobTitle,department`,
      `/v1.0/users/${KATI}/manager?$select=id`,
    ]);
    expect(graph.auth.every((header) => header === 'Bearer token-1')).toBe(true);
    expect(tokenCalls).toBe(3);
  });

  it('remembers a person for a while', async () => {
    const before = graph.hits.length;
    await directory.find(KATI);
    expect(graph.hits.length).toBe(before);
  });

  it('lists direct reports across pages, users only', async () => {
    const reports = await directory.reportsOf(JUHT);
    expect(reports.map((person) => [person.id, person.managerId])).toEqual([[KATI, JUHT], ['mari', JUHT]]);
  });

  it('answers nobody for 404 and throws for other errors', async () => {
    expect(await directory.find('nobody')).toBeUndefined();
    await expect(directory.find('boom')).rejects.toThrow(/Microsoft Graph answered 500/);
  });

  it('backs off exponentially with jitter when there is no Retry-After', () => {
    const first = waitMs(undefined, 0);
    const third = waitMs(undefined, 2);
    expect(first).toBeGreaterThanOrEqual(500);
    expect(first).toBeLessThanOrEqual(1000);
    expect(third).toBeGreaterThanOrEqual(2000);
    expect(third).toBeLessThanOrEqual(4000);
  });
});
