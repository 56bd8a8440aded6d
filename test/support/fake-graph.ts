import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A user as the fake Graph holds them. */
export interface GraphPerson {
  id: string;
  displayName: string;
  mail?: string;
  jobTitle?: string;
  department?: string;
}

export interface GraphGroup {
  id: string;
  displayName: string;
  /** User ids and nested group ids. */
  members: string[];
}

/** One request the fake Graph received. */
export interface GraphCall {
  method: string;
  path: string;
  at: number;
  status: number;
}

export interface FakeGraphOptions {
  /** Users per page of a list (Graph's $top); small pages test `@odata.nextLink`. */
  pageSize?: number;
  /** False answers every install with 403 (TeamsAppInstallation.ReadWriteForUser.All not granted). */
  canInstall?: boolean;
  /** Share of install-related requests answered 429 with Retry-After (seeded). */
  throttleRate?: number;
  retryAfterSeconds?: number;
  /** Graph's limit for installs: requests over it in any second are answered 429 and counted. */
  installsPerSecond?: number;
  random?: () => number;
  /** See `early`. */
  graceMs?: number;
  /** False answers 404 for an installation's chat, so the bot must wait for Teams' conversationUpdate. */
  chatsReadable?: boolean;
  /** Put a device among a group's members, as a `transitiveMembers` without the cast would. */
  devicesInGroups?: boolean;
}

const USER = '#microsoft.graph.user';

/**
 * Microsoft Graph on loopback for what the bot asks: users by department or job title, groups and
 * their transitive members (paged with `@odata.nextLink`), and per-user app installs with their
 * chats. It can refuse installs (403), throttle (429 + Retry-After) and enforce a rate, and it
 * records each request so a test can check the pace and that Retry-After was honoured.
 */
export class FakeGraph {
  readonly calls: GraphCall[] = [];
  readonly users = new Map<string, GraphPerson>();
  readonly groups = new Map<string, GraphGroup>();
  /** Users the app is installed for, with the time of the install. */
  readonly installed = new Map<string, number>();
  /**
   * Requests sent while a Retry-After the fake gave was still running, leaving out the first `graceMs`
   * after the 429 (requests already on their way when it was answered). Judged by the client's
   * `x-sent-at` header when it sends one (see `sentAtFetch`), else by when the request was read.
   */
  readonly early: GraphCall[] = [];
  private throttledAt = 0;
  /** Requests over `installsPerSecond`. */
  readonly overLimit: GraphCall[] = [];
  private holdUntil = 0;
  private server?: Server;
  url = '';

  constructor(private readonly options: FakeGraphOptions = {}) {}

  addUsers(...people: GraphPerson[]): this {
    for (const person of people) this.users.set(person.id.toLowerCase(), person);
    return this;
  }

  addGroup(group: GraphGroup): this {
    this.groups.set(group.id.toLowerCase(), group);
    return this;
  }

  set canInstall(value: boolean) {
    this.options.canInstall = value;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Install-related requests (POST and GET under /teamwork/installedApps). */
  installCalls(): GraphCall[] {
    return this.calls.filter((call) => call.path.includes('/teamwork/installedApps'));
  }

  /** The most install-related requests in any one-second window. */
  peakPerSecond(): number {
    const times = this.installCalls().map((call) => call.at).sort((a, b) => a - b);
    let peak = 0;
    for (let start = 0, end = 0; end < times.length; end += 1) {
      while (times[end] - times[start] >= 1000) start += 1;
      peak = Math.max(peak, end - start + 1);
    }
    return peak;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname.replace(/^\/v1\.0/, ''));
    // A client that says when it sent the request (`x-sent-at`, epoch ms) is judged by that, not by when the request was read.
    const sentAt = Number(req.headers['x-sent-at']) || Date.now();
    const call: GraphCall = { method: req.method ?? 'GET', path: `${path}${url.search ? decodeURIComponent(url.search) : ''}`, at: sentAt, status: 0 };
    this.calls.push(call);
    let body = '';
    for await (const chunk of req) body += chunk;
    const answer = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    if (!String(req.headers.authorization ?? '').startsWith('Bearer ')) return answer(401, { error: { code: 'InvalidAuthenticationToken' } });
    if (path.includes('/teamwork/installedApps')) return this.installs(call, path, body, answer);
    // Filters on department and job title, and $count, are advanced queries: Graph refuses them without this header.
    const advanced = url.searchParams.has('$count') || /department|jobTitle/.test(url.searchParams.get('$filter') ?? '');
    if (advanced && req.headers.consistencylevel !== 'eventual') return answer(400, { error: { code: 'Request_UnsupportedQuery', message: 'ConsistencyLevel: eventual is required' } });
    return this.directory(path, url, answer);
  }

  private directory(path: string, url: URL, answer: (status: number, payload?: unknown) => void): void {
    const page = Number(url.searchParams.get('page') ?? 0);
    const filter = url.searchParams.get('$filter') ?? '';
    const members = /^\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(path);
    if (members) {
      if (!this.groups.has(members[1].toLowerCase())) return answer(404, { error: { code: 'Request_ResourceNotFound' } });
      const users = this.transitive(members[1].toLowerCase()).map((id) => ({ '@odata.type': USER, ...this.users.get(id) }));
      if (this.options.devicesInGroups) users.splice(1, 0, { '@odata.type': '#microsoft.graph.device', id: 'device-1', displayName: 'Laptop' } as never);
      return answer(200, this.paged(users, page, url));
    }
    const field = /^(department|jobTitle) eq '(.*)'$/.exec(filter);
    if (path === '/users' && field) {
      const wanted = field[2].replace(/''/g, "'").toLowerCase();
      const users = [...this.users.values()].filter((user) => (user[field[1] as 'department' | 'jobTitle'] ?? '').toLowerCase() === wanted);
      return answer(200, this.paged(users.map((user) => ({ '@odata.type': USER, ...user })), page, url));
    }
    const byName = /^displayName eq '(.*)'$/.exec(filter);
    if (path === '/groups' && byName) {
      const wanted = byName[1].replace(/''/g, "'").toLowerCase();
      return answer(200, { value: [...this.groups.values()].filter((group) => group.displayName.toLowerCase() === wanted).map(({ id, displayName }) => ({ id, displayName })) });
    }
    const group = /^\/groups\/([^/]+)$/.exec(path);
    if (group && this.groups.has(group[1].toLowerCase())) {
      const { id, displayName } = this.groups.get(group[1].toLowerCase()) as GraphGroup;
      return answer(200, { id, displayName });
    }
    return answer(404, { error: { code: 'Request_ResourceNotFound' } });
  }

  private transitive(groupId: string, seen = new Set<string>()): string[] {
    const users: string[] = [];
    for (const member of this.groups.get(groupId)?.members ?? []) {
      const id = member.toLowerCase();
      if (this.users.has(id) && !users.includes(id)) users.push(id);
      else if (this.groups.has(id) && !seen.has(id)) {
        seen.add(id);
        for (const nested of this.transitive(id, seen)) if (!users.includes(nested)) users.push(nested);
      }
    }
    return users;
  }

  private paged(items: unknown[], page: number, url: URL): { value: unknown[]; '@odata.nextLink'?: string } {
    const size = this.options.pageSize ?? 100;
    const value = items.slice(page * size, (page + 1) * size);
    if ((page + 1) * size >= items.length) return { value };
    const next = new URL(url.toString());
    next.searchParams.set('page', String(page + 1));
    return { value, '@odata.nextLink': `${this.url}${next.pathname.replace(/^\/v1\.0/, '')}${next.search}` };
  }

  private installs(call: GraphCall, path: string, body: string, answer: (status: number, payload?: unknown, headers?: Record<string, string>) => void): void {
    const now = call.at;
    if (now < this.holdUntil && now - this.throttledAt > (this.options.graceMs ?? 200)) this.early.push(call);
    const limit = this.options.installsPerSecond;
    if (limit && this.installCalls().filter((other) => other !== call && now - other.at < 1000 && other.status !== 429).length >= limit) {
      this.overLimit.push(call);
      return answer(429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': '1' });
    }
    if ((this.options.throttleRate ?? 0) > 0 && (this.options.random ?? Math.random)() < (this.options.throttleRate ?? 0)) {
      const seconds = this.options.retryAfterSeconds ?? 1;
      this.holdUntil = Math.max(this.holdUntil, now + seconds * 1000);
      this.throttledAt = now;
      return answer(429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': String(seconds) });
    }
    const match = /^\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)\/chat)?$/.exec(path);
    const user = match?.[1].toLowerCase() ?? '';
    if (!match || !this.users.has(user)) return answer(404, { error: { code: 'NotFound' } });
    if (call.method === 'POST') {
      if (this.options.canInstall === false) return answer(403, { error: { code: 'Forbidden', message: 'Missing role permissions on the request.' } });
      if (!String(JSON.parse(body || '{}')['teamsApp@odata.bind'] ?? '').includes('/appCatalogs/teamsApps/')) return answer(400, { error: { code: 'BadRequest' } });
      if (this.installed.has(user)) return answer(409, { error: { code: 'Conflict' } });
      this.installed.set(user, now);
      return answer(201);
    }
    if (!this.installed.has(user)) return answer(match[2] ? 404 : 200, match[2] ? { error: { code: 'NotFound' } } : { value: [] });
    if (match[2] && this.options.chatsReadable === false) return answer(404, { error: { code: 'NotFound' } });
    if (match[2]) return answer(200, { id: `19:${user}_bot@unq.gbl.spaces` });
    return answer(200, { value: [{ id: `installation-${user}` }] });
  }
}

/** A fetch that stamps each request with the time it was sent, so the fake Graph can judge Retry-After exactly. */
export const sentAtFetch = (url: string, init: { method?: string; headers: Record<string, string>; body?: string }): Promise<Response> =>
  fetch(url, { ...init, headers: { ...init.headers, 'x-sent-at': String(Date.now()) } });
