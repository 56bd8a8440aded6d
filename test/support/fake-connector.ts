import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Bot Connector received. */
export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'DELETE' | 'GET';
  kind: 'create' | 'send' | 'update' | 'delete' | 'members';
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
  at: number;
  status: number;
  /** The Authorization header the bot sent (a connector token unless in local mode). */
  authorization?: string;
}

export interface Fault {
  status: number;
  code: string;
  /** Seconds for Retry-After; omitted = no header. */
  retryAfter?: number;
  /** How many matching requests get this answer. */
  times: number;
  match?: (call: Omit<ConnectorCall, 'status' | 'at'>) => boolean;
}

export interface Limits {
  /** Requests per second for the whole app (Teams: 50). */
  globalPerSecond: number;
  /** Per conversation: 7 per second and 8 per 2 seconds in Teams. */
  perConversationPerSecond: number;
  perConversationPer2s: number;
}

export const TEAMS_LIMITS: Limits = { globalPerSecond: 50, perConversationPerSecond: 7, perConversationPer2s: 8 };

/**
 * A Bot Connector on loopback that behaves like Teams' for the calls the bot makes: creates chats
 * and channel threads, takes sends, updates and deletes, and records each. It can enforce Teams'
 * rate limits (answering 429 with Retry-After, as Teams does) and inject faults: 429 with or
 * without Retry-After, 403 ConversationBlockedByUser, 404, 412 and 5xx.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Requests that went over the limits (each was answered 429). */
  readonly violations: ConnectorCall[] = [];
  private readonly faults: Fault[] = [];
  private readonly blocked = new Set<string>();
  private readonly messages = new Map<string, Map<string, Record<string, unknown>>>();
  private randomFault?: { rate: number; fault: Omit<Fault, 'times' | 'match'>; random: () => number };
  /** Files the bot uploaded after a file consent, by name: the body and the Content-Range it sent. */
  readonly uploads = new Map<string, { content: string; contentRange?: string }>();
  private nextId = 1000;
  private delayMs = 0;
  private latency = { fromMs: 0, toMs: 0 };
  private server?: Server;
  url = '';

  constructor(private limits?: Limits) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Makes every answer wait, like a slow connector. */
  slowDown(ms: number): void {
    this.delayMs = ms;
  }

  /** Answers after a random time from `fromMs` to `toMs`; the request counts against the limits when it arrives, as at Teams. */
  answerAfter(fromMs: number, toMs = fromMs): void {
    this.latency = { fromMs, toMs: Math.max(fromMs, toMs) };
  }

  enforce(limits: Limits | undefined): void {
    this.limits = limits;
  }

  fail(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** Answers a share of sends with a fault (e.g. 5% 429), decided by `random`. */
  failRandomly(rate: number, fault: Omit<Fault, 'times' | 'match'>, random: () => number = Math.random): void {
    this.randomFault = { rate, fault, random };
  }

  block(conversationId: string): void {
    this.blocked.add(conversationId);
  }

  sends(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((call) => (call.kind === 'send' || call.kind === 'create') && call.status < 300 && (!conversationId || call.conversationId === conversationId));
  }

  ofKind(kind: ConnectorCall['kind']): ConnectorCall[] {
    return this.calls.filter((call) => call.kind === kind && call.status < 300);
  }

  /** The current content of a message (after updates), or undefined once deleted. */
  message(conversationId: string, activityId: string): Record<string, unknown> | undefined {
    return this.messages.get(conversationId)?.get(activityId);
  }

  /** Every conversation (and channel thread) that holds a message. */
  conversationIds(): string[] {
    return [...this.messages.keys()];
  }

  /** Every live message in a conversation, oldest first. */
  messagesIn(conversationId: string): Array<{ id: string; activity: Record<string, unknown> }> {
    return [...(this.messages.get(conversationId)?.entries() ?? [])].map(([id, activity]) => ({ id, activity }));
  }

  async waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await predicate())) {
      if (Date.now() > deadline) throw new Error('The fake connector did not see what was expected in time.');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private readonly recentGlobal: number[] = [];
  private readonly recentByConversation = new Map<string, number[]>();

  /** Sliding windows over accepted requests, as Teams counts them. */
  private overLimit(conversationId: string, now: number): boolean {
    if (!this.limits) return false;
    while (this.recentGlobal.length > 0 && now - this.recentGlobal[0] >= 1000) this.recentGlobal.shift();
    const here = (this.recentByConversation.get(conversationId) ?? []).filter((at) => now - at < 2000);
    this.recentByConversation.set(conversationId, here);
    if (this.recentGlobal.length >= this.limits.globalPerSecond) return true;
    if (here.filter((at) => now - at < 1000).length >= this.limits.perConversationPerSecond) return true;
    return here.length >= this.limits.perConversationPer2s;
  }

  private noteAccepted(conversationId: string, now: number): void {
    this.recentGlobal.push(now);
    const here = this.recentByConversation.get(conversationId) ?? [];
    here.push(now);
    this.recentByConversation.set(conversationId, here);
  }

  /**
   * What Teams puts in a `fileConsent/invoke` when the person accepts: an upload session on
   * loopback (PUT `/upload/<name>`, as OneDrive's) and where the file will be.
   */
  uploadInfo(name: string): { name: string; uploadUrl: string; contentUrl: string; uniqueId: string; fileType: string } {
    return { name, uploadUrl: `${this.url}upload/${encodeURIComponent(name)}`, contentUrl: `${this.url}files/${encodeURIComponent(name)}`, uniqueId: `unique-${name}`, fileType: name.split('.').pop() ?? '' };
  }

  /** The file consent cards the bot sent in a conversation, newest last. */
  consentCards(conversationId: string): Array<{ name: string; content: { description: string; sizeInBytes: number; acceptContext: unknown; declineContext: unknown } }> {
    return this.sends(conversationId).flatMap((call) => ((call.body.attachments ?? []) as Array<{ contentType: string; name: string; content: never }>)
      .filter((item) => item.contentType === 'application/vnd.microsoft.teams.card.file.consent'));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/upload/') && req.method === 'PUT') {
      const name = decodeURIComponent(path.slice('/upload/'.length));
      this.uploads.set(name, { content: text, contentRange: req.headers['content-range'] });
      return this.answer(res, 201, { id: `file-${name}`, name, size: Buffer.byteLength(text) });
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    let body: Record<string, unknown>;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return this.answer(res, 400, { error: { code: 'BadSyntax', message: 'Malformed JSON' } });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method as ConnectorCall['method'];
    // /v3/conversations[/:conv/activities[/:id]] or /v3/conversations/:conv/members/:id
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return this.answer(res, 404, { error: { code: 'NotFound', message: url.pathname } });
    const conversationId = parts[2] ?? '';
    let kind: ConnectorCall['kind'];
    if (!conversationId && method === 'POST') kind = 'create';
    else if (parts[3] === 'members' || parts[3] === 'pagedmembers') kind = 'members';
    else if (method === 'PUT') kind = 'update';
    else if (method === 'DELETE') kind = 'delete';
    else kind = 'send';
    const activityId = kind === 'update' || kind === 'delete' ? parts[4] : undefined;
    const now = Date.now();
    const target = kind === 'create' ? this.createdId(body) : conversationId;
    const call: Omit<ConnectorCall, 'status' | 'at'> = { method, kind, conversationId: target, activityId, body, authorization: req.headers.authorization };
    const record = (status: number): ConnectorCall => {
      const done = { ...call, at: now, status };
      this.calls.push(done);
      if (status < 300) this.noteAccepted(target, now);
      return done;
    };

    if (kind === 'members') {
      record(200);
      return this.answer(res, 200, { id: parts[4] ?? '29:member', name: 'Member', aadObjectId: parts[4] });
    }
    if (this.overLimit(target, now)) {
      this.violations.push(record(429));
      return this.answer(res, 429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'Retry-After': '1' });
    }
    const faultIndex = this.faults.findIndex((fault) => !fault.match || fault.match(call));
    if (faultIndex >= 0) {
      const fault = this.faults[faultIndex];
      fault.times -= 1;
      if (fault.times <= 0) this.faults.splice(faultIndex, 1);
      record(fault.status);
      return this.answer(res, fault.status, { error: { code: fault.code, message: fault.code } }, fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {});
    }
    if (this.randomFault && kind !== 'create' && this.randomFault.random() < this.randomFault.rate) {
      const fault = this.randomFault.fault;
      record(fault.status);
      return this.answer(res, fault.status, { error: { code: fault.code, message: fault.code } }, fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {});
    }
    if (this.blocked.has(target)) {
      record(403);
      return this.answer(res, 403, { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } });
    }
    return this.accept(res, kind, target, activityId, body, record);
  }

  private createdId(body: Record<string, unknown>): string {
    const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    if (channel) return channel;
    const member = (body.members as Array<{ id: string }> | undefined)?.[0]?.id ?? 'unknown';
    return `a:personal-${member}`;
  }

  private accept(
    res: ServerResponse,
    kind: ConnectorCall['kind'],
    conversationId: string,
    activityId: string | undefined,
    body: Record<string, unknown>,
    record: (status: number) => ConnectorCall,
  ): void {
    const store = (conversation: string, id: string, activity: Record<string, unknown>) => {
      if (!this.messages.has(conversation)) this.messages.set(conversation, new Map());
      this.messages.get(conversation)?.set(id, activity);
    };
    if (kind === 'create') {
      const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
      if (channel) {
        const id = String(this.nextId++);
        const thread = `${channel};messageid=${id}`;
        if (body.activity) store(thread, id, body.activity as Record<string, unknown>);
        record(201);
        return this.answer(res, 201, { id: thread, activityId: id });
      }
      if (!body.tenantId && !(body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id) {
        record(400);
        return this.answer(res, 400, { error: { code: 'BadArgument', message: 'Incorrect conversation creation parameters' } });
      }
      record(201);
      return this.answer(res, 201, { id: conversationId });
    }
    if (kind === 'update' || kind === 'delete') {
      const known = this.messages.get(conversationId)?.has(activityId ?? '');
      if (!known) {
        record(404);
        return this.answer(res, 404, { error: { code: 'ActivityNotFoundInConversation', message: 'Unknown activity' } });
      }
      if (kind === 'update') store(conversationId, activityId as string, body);
      else this.messages.get(conversationId)?.delete(activityId as string);
      record(200);
      return this.answer(res, 200, kind === 'update' ? { id: activityId } : {});
    }
    const id = String(this.nextId++);
    store(conversationId, id, body);
    record(200);
    return this.answer(res, 200, { id });
  }

  private answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const write = () => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const delay = this.latency.fromMs + Math.random() * (this.latency.toMs - this.latency.fromMs);
    if (delay > 0) setTimeout(write, delay);
    else write();
  }
}
