import type { AudienceDirectory, Directory, DirectoryGroup, DirectoryPerson } from '../../shared/directory.js';
import { findGroup, listGroupMembers, listPeopleWhere } from './graph-audience.js';
import type { TokenSource } from './msal-token-source.js';

type Fetch = (url: string, init: { method?: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

/** A Graph answer as it came, for callers that decide about retries themselves (app installs). */
export interface GraphAnswer {
  status: number;
  /** Retry-After in ms, when Graph sent one. */
  retryAfterMs?: number;
  body?: unknown;
}

export interface GraphDirectoryOptions {
  tokens: TokenSource;
  fetch?: Fetch;
  baseUrl?: string;
  /** Retries after 429/503/504 or a network error; the wait is Retry-After, else exponential backoff with jitter. */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** How long a looked-up person is remembered. */
  cacheMs?: number;
  now?: () => number;
}

export interface GraphUser {
  id: string;
  displayName?: string;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  '@odata.type'?: string;
}

const SELECT = '$select=id,displayName,mail,jobTitle,department';
const RETRY_STATUSES = new Set([429, 503, 504]);

export class GraphError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'GraphError';
  }
}

/** The directory from Microsoft Graph: `/users/{id}`, `/users/{id}/manager`, `/users/{id}/directReports`. */
export class GraphDirectory implements Directory, AudienceDirectory {
  private readonly fetch: Fetch;
  private readonly baseUrl: string;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, { at: number; person?: DirectoryPerson }>();

  constructor(private readonly options: GraphDirectoryOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.baseUrl = (options.baseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/$/, '');
    this.maxRetries = options.maxRetries ?? 4;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.cacheMs = options.cacheMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  async find(id: string): Promise<DirectoryPerson | undefined> {
    const key = id.toLowerCase();
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < this.cacheMs) return cached.person;
    const user = await this.get<GraphUser>(`/users/${encodeURIComponent(id)}?${SELECT}`);
    const manager = user ? await this.get<GraphUser>(`/users/${encodeURIComponent(id)}/manager?$select=id`) : undefined;
    const person = user && { ...toPerson(user), ...(manager?.id ? { managerId: manager.id.toLowerCase() } : {}) };
    this.cache.set(key, { at: this.now(), person });
    return person;
  }

  async reportsOf(managerId: string): Promise<DirectoryPerson[]> {
    const people: DirectoryPerson[] = [];
    let path: string | undefined = `/users/${encodeURIComponent(managerId)}/directReports?${SELECT}`;
    while (path) {
      const page: { value?: GraphUser[]; '@odata.nextLink'?: string } | undefined = await this.get(path);
      for (const user of page?.value ?? []) {
        if (user['@odata.type'] && user['@odata.type'] !== '#microsoft.graph.user') continue;
        people.push({ ...toPerson(user), managerId: managerId.toLowerCase() });
      }
      path = page?.['@odata.nextLink'];
    }
    return people;
  }

  peopleWhere(field: 'department' | 'jobTitle', values: readonly string[]): Promise<DirectoryPerson[]> {
    return listPeopleWhere(this, field, values);
  }

  group(idOrName: string): Promise<DirectoryGroup | undefined> {
    return findGroup(this, idOrName);
  }

  groupMembers(groupId: string): Promise<DirectoryPerson[]> {
    return listGroupMembers(this, groupId);
  }

  /** One request with the bearer token and no retries: the caller paces and retries (app installs). */
  async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<GraphAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.options.tokens.token()}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, ...(response.headers.get('retry-after') ? { retryAfterMs: waitMs(response, 0) } : {}) };
  }

  /**
   * A GET with the bearer token; 404 is "nobody", throttling and outages are retried. Also used
   * for the bot's other app-only reads (its own app registration's credentials).
   */
  async get<T>(pathOrUrl: string, headers: Record<string, string> = {}): Promise<T | undefined> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    for (let attempt = 0; ; attempt += 1) {
      let response: Response | undefined;
      try {
        response = await this.fetch(url, { headers: { ...headers, authorization: `Bearer ${await this.options.tokens.token()}`, accept: 'application/json' } });
      } catch (error) {
        if (attempt >= this.maxRetries) throw new GraphError(0, `Microsoft Graph cannot be reached: ${(error as Error).message}`);
      }
      if (response?.ok) return (await response.json()) as T;
      if (response?.status === 404) return undefined;
      if (response && !RETRY_STATUSES.has(response.status)) throw new GraphError(response.status, `Microsoft Graph answered ${response.status} for ${new URL(url).pathname}`);
      if (attempt >= this.maxRetries) throw new GraphError(response?.status ?? 0, `Microsoft Graph kept answering ${response?.status} after ${attempt + 1} attempts`);
      await this.sleep(waitMs(response, attempt));
    }
  }
}

/** Object ids are lower-cased, as at the edge, so the rest of the code compares them with ===. */
export function toPerson(user: GraphUser): DirectoryPerson {
  return {
    id: user.id.toLowerCase(),
    name: user.displayName ?? user.mail ?? user.id,
    ...(user.mail ? { email: user.mail } : {}),
    ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}),
    ...(user.department ? { department: user.department } : {}),
  };
}

/** Retry-After (seconds or an HTTP date), else 1 s, 2 s, 4 s ... with jitter, capped at 32 s. */
export function waitMs(response: Response | undefined, attempt: number): number {
  const header = response?.headers.get('retry-after');
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  const base = Math.min(32_000, 1000 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}
