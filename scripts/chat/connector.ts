import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { foldText } from '../../src/shared/i18n.js';
import { personalConversationId, threadConversationId, type Identity, type WireActivity } from './activities.js';

/** What the bot did through the connector, for the client to show. */
export type ConnectorEvent =
  | { kind: 'send'; conversationId: string; id: string; replyToId?: string; activity: WireActivity }
  | { kind: 'thread'; channelId: string; conversationId: string; id: string; activity?: WireActivity }
  | { kind: 'chat'; conversationId: string; id?: string; activity?: WireActivity }
  | { kind: 'update'; conversationId: string; id: string; activity: WireActivity }
  | { kind: 'delete'; conversationId: string; id: string }
  | { kind: 'upload'; name: string; path: string; bytes: number }
  | { kind: 'unsupported'; method: string; path: string };

/** Where the local chat keeps the files the bot uploads after a file consent (`./chat-files`). */
export const CHAT_FILES_DIR = resolve('chat-files');

/** What Teams puts in an accepted file consent: an upload address on this connector and where the file lands. */
export function uploadInfoFor(serviceUrl: string, name: string): Record<string, string> {
  const safe = basename(name);
  return {
    name: safe,
    uploadUrl: `${serviceUrl}upload/${encodeURIComponent(safe)}`,
    contentUrl: pathToFileURL(join(CHAT_FILES_DIR, safe)).href,
    uniqueId: safe,
    fileType: safe.split('.').pop() ?? '',
  };
}

function readRaw(request: IncomingMessage): Promise<Buffer> {
  return new Promise((done, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The upload session of a file consent: the body is saved in `CHAT_FILES_DIR`. */
async function saveUpload(name: string, request: IncomingMessage, options: ConnectorOptions): Promise<Answer> {
  const bytes = await readRaw(request);
  const safe = basename(name);
  const dir = options.filesDir ?? CHAT_FILES_DIR;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, safe);
  writeFileSync(path, bytes);
  options.onEvent({ kind: 'upload', name: safe, path, bytes: bytes.length });
  return { status: 201, body: { id: safe, name: safe, size: bytes.length } };
}

export interface ConnectorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  onEvent: (event: ConnectorEvent) => void;
  /** The people this client has spoken as, for the roster calls (`TeamsInfo.getMember`). */
  people: () => Identity[];
  tenantId: () => string;
  newId: () => string;
  /** Where uploaded files are saved; `CHAT_FILES_DIR` unless given. */
  filesDir?: string;
}

export interface RunningConnector {
  /** What the client puts in `serviceUrl`: `http://127.0.0.1:<port>/`. */
  serviceUrl: string;
  port: number;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
}

const MAX_BODY_BYTES = 1024 * 1024;

const notFound = (code: string, message: string): Answer => ({ status: 404, body: { error: { code, message } } });
const badRequest = (message: string): Answer => ({ status: 400, body: { error: { code: 'BadArgument', message } } });

/** A Teams roster entry for one of the client's people. */
export function memberOf(person: Identity, tenantId: string): Record<string, unknown> {
  const [givenName, ...rest] = person.name.split(' ');
  const mail = `${foldText(person.name).replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '') || person.aadObjectId}@tugibot.local`;
  return {
    id: `29:${person.aadObjectId}`,
    name: person.name,
    aadObjectId: person.aadObjectId,
    objectId: person.aadObjectId,
    givenName,
    surname: rest.join(' '),
    email: mail,
    userPrincipalName: mail,
    tenantId,
    userRole: 'user',
  };
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text.trim() === '' ? {} : JSON.parse(text));
      } catch (error) {
        reject(error as Error);
      }
    });
    request.on('error', reject);
  });
}

/** The Bot Connector's `POST /v3/conversations`: a new channel thread or a (personal) chat. */
function createConversation(params: Record<string, unknown>, options: ConnectorOptions): Answer {
  const channelData = (params.channelData ?? {}) as { channel?: { id?: string }; tenant?: { id?: string } };
  const activity = params.activity as WireActivity | undefined;
  const channelId = channelData.channel?.id;
  if (channelId) {
    const id = options.newId();
    const conversationId = threadConversationId(channelId, id);
    options.onEvent({ kind: 'thread', channelId, conversationId, id, activity });
    return { status: 201, body: { id: conversationId, activityId: id } };
  }
  const members = Array.isArray(params.members) ? (params.members as Array<{ id?: string }>) : [];
  const tenantId = (params.tenantId as string | undefined) ?? channelData.tenant?.id;
  const memberId = members[0]?.id;
  if (!memberId || !tenantId) return badRequest('Incorrect conversation creation parameters');
  const conversationId = personalConversationId(memberId.replace(/^29:/, ''));
  const id = activity ? options.newId() : undefined;
  options.onEvent({ kind: 'chat', conversationId, id, activity });
  return { status: 201, body: id ? { id: conversationId, activityId: id } : { id: conversationId } };
}

function findPerson(options: ConnectorOptions, memberId: string): Identity | undefined {
  const wanted = memberId.replace(/^29:/, '').toLowerCase();
  return options.people().find((person) => person.aadObjectId.toLowerCase() === wanted);
}

async function route(method: string, parts: string[], request: IncomingMessage, options: ConnectorOptions): Promise<Answer | undefined> {
  const [version, collection, conversationId, resource, itemId, extra] = parts;
  if (version === 'upload' && collection && parts.length === 2 && method === 'PUT') return saveUpload(collection, request, options);
  if (version !== 'v3' || extra !== undefined) return undefined;
  const members = (): Array<Record<string, unknown>> => options.people().map((person) => memberOf(person, options.tenantId()));
  if (collection === 'teams' && conversationId && method === 'GET') {
    if (resource === undefined) return { status: 200, body: { id: conversationId, name: 'Tugibot (local team)', aadGroupId: conversationId } };
    if (resource === 'conversations') return { status: 200, body: { conversations: [{ id: conversationId, name: 'General' }] } };
    return undefined;
  }
  if (collection !== 'conversations') return undefined;
  if (conversationId === undefined) {
    if (method === 'POST') return createConversation((await readJson(request)) as Record<string, unknown>, options);
    if (method === 'GET') return { status: 200, body: { conversations: [] } };
    return undefined;
  }
  if (resource === 'activities' && itemId !== 'history') {
    if (method === 'POST') {
      const activity = (await readJson(request)) as WireActivity;
      const id = options.newId();
      options.onEvent({ kind: 'send', conversationId, id, replyToId: itemId, activity });
      return { status: 201, body: { id } };
    }
    if (method === 'PUT' && itemId) {
      options.onEvent({ kind: 'update', conversationId, id: itemId, activity: (await readJson(request)) as WireActivity });
      return { status: 200, body: { id: itemId } };
    }
    if (method === 'DELETE' && itemId) {
      options.onEvent({ kind: 'delete', conversationId, id: itemId });
      return { status: 200 };
    }
  }
  if (method === 'GET' && resource === 'members') {
    if (itemId === undefined) return { status: 200, body: members() };
    const person = findPerson(options, itemId);
    return person ? { status: 200, body: memberOf(person, options.tenantId()) } : notFound('MemberNotFoundInConversation', `The member ${itemId} is not in this conversation.`);
  }
  if (method === 'GET' && resource === 'pagedmembers' && itemId === undefined) return { status: 200, body: { members: members() } };
  return undefined;
}

/**
 * The client's own Bot Connector on loopback: everything the bot sends outside a turn (to this
 * user, to other users, to channels) arrives here and is reported through `onEvent`.
 */
export function startConnector(options: ConnectorOptions): Promise<RunningConnector> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const parts = path.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
    void route(method, parts, request, options)
      .then((answer) => {
        if (!answer) options.onEvent({ kind: 'unsupported', method, path });
        return answer ?? notFound('NotFound', `${method} ${path} is not supported by the local connector.`);
      })
      .catch((error: unknown) => badRequest(`The request could not be read: ${(error as Error).message}`))
      .then((answer) => {
        response.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' });
        response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        serviceUrl: `http://127.0.0.1:${port}/`,
        port,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
