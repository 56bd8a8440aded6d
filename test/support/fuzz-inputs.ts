import { gzipSync, deflateSync } from 'node:zlib';
import { CardSigner } from '../../src/shared/card-signer.js';
import { signIncident } from '../../src/http/incident-signature.js';
import { KATI, MARI, SIIM, channelMention, executeInvoke, installationUpdate, personalMessage, cardSubmit, type Person } from './activities.js';
import { seededRandom } from './seeded-random.js';

export interface FuzzSecrets {
  cardSecret: string;
  webhookSecret: string;
  alertmanagerToken: string;
  serviceUrl: string;
  /** A gzip body that inflates to hundreds of MB, built once by the caller. */
  bomb: Buffer;
  /**
   * When the bot checks Bot Framework tokens: `Authorization` for an activity sent to this service
   * URL, correctly signed or forged. Without it the bot runs in local mode and nothing is signed.
   */
  authorize?: (serviceUrl: string, forged: boolean) => string;
}

export interface FuzzCase {
  path: string;
  headers: Record<string, string>;
  body: Buffer | string;
  /** What was done to it, for the failure report. */
  note: string;
  /** An invoke may be answered 501 (not implemented). */
  invoke: boolean;
}

const VERBS = ['access.decide', 'access.submit', 'cases.endChat', 'cases.escalate', 'cases.rate', 'cases.reopen', 'cases.reply', 'cases.resolve', 'cases.submit', 'cases.take', 'cases.wait', 'cases.start', 'incidents.cancel', 'incidents.confirm', 'incidents.edit', 'incidents.follow', 'incidents.preview', 'incidents.resolve', 'help.nothing'];
const TEXTS = ['abi', 'help', 'uus pöördumine', 'new case', 'minu pöördumised', 'pöördumine TUGI-2026-00001', 'case TUGI-9999-99999', 'teavitused', 'rikked', 'ligipääs', 'access', 'uus teade', 'Kuidas SKAIS-i sisse logida?', 'STAR ei tööta', 'parool 39001010004', '<at>Tugibot</at> abi', '**bold** [x](http://evil)', ''];
const UNICODE = ['🙂🙃🤖', '\u202eRTL\u202c', 'zero\u200bwidth', '\ud800', 'Õun äär öö üü šž', '\u0000nul', '𝕏'.repeat(50), 'ﷺ'.repeat(30)];
const INVOKE_NAMES = ['adaptiveCard/action', 'composeExtension/query', 'task/fetch', 'signin/verifyState', 'actionableMessage/executeAction', 'message/submitAction', 'x'];
const PEOPLE: Person[] = [KATI, SIIM, MARI];

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

function junk(rand: Rand, depth = 0): unknown {
  const roll = rand();
  if (roll < 0.12) return Math.floor(rand() * 1e6) - 5e5;
  if (roll < 0.2) return rand() < 0.5;
  if (roll < 0.28) return null;
  if (roll < 0.36) return pick(rand, UNICODE);
  if (roll < 0.42) return 'x'.repeat(Math.floor(rand() * 40_000));
  if (roll < 0.5) return rand() * 1e308 * (rand() < 0.5 ? -1 : 1);
  if (roll < 0.58 && depth < 6) return Array.from({ length: Math.floor(rand() * 4) }, () => junk(rand, depth + 1));
  if (roll < 0.7 && depth < 6) return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, (_, index) => [pick(rand, ['id', 'type', 'text', '__proto__', 'constructor', 'verb', `k${index}`]), junk(rand, depth + 1)]));
  if (roll < 0.75) return JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`);
  return pick(rand, TEXTS);
}

/** Every path to a value in an object, so a mutation can reach nested fields. */
function pathsOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push([...prefix, key]);
      if (prefix.length < 5) pathsOf(child, [...prefix, key], out);
    }
  }
  return out;
}

function mutate(rand: Rand, activity: Record<string, unknown>): string {
  const paths = pathsOf(activity);
  const path = pick(rand, paths);
  let parent = activity as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1];
  const roll = rand();
  if (roll < 0.3) {
    delete parent[last];
    return `delete ${path.join('.')}`;
  }
  if (roll < 0.9) {
    parent[last] = junk(rand);
    return `set ${path.join('.')}`;
  }
  activity[pick(rand, ['extra', 'value', 'entities', 'attachments', 'channelData', 'name', 'action'])] = junk(rand);
  return 'add a field';
}

/** A change that keeps every type right, so the activity gets past the schema into the bot. */
function softMutate(rand: Rand, activity: Record<string, unknown>): string {
  const roll = rand();
  if (roll < 0.25) {
    activity.text = `${pick(rand, TEXTS)} ${pick(rand, UNICODE)}`.repeat(1 + Math.floor(rand() * 20));
    return 'unicode text';
  }
  if (roll < 0.3) {
    activity.text = `${pick(rand, TEXTS)} ${'sõna '.repeat(Math.floor(rand() * 2000))}`;
    return 'long text';
  }
  if (roll < 0.5) {
    activity.value = rand() < 0.5 ? junk(rand) : { ...(activity.value as object), [pick(rand, ['args', 'verb', 'sig', 'rating', 'action', 'data'])]: junk(rand) };
    return 'junk value';
  }
  if (roll < 0.6) {
    activity.locale = pick(rand, ['EN-us', 'et_EE', 'zz', '🙂', 'x'.repeat(64), 'et-EE-x-private']);
    return 'odd locale';
  }
  if (roll < 0.7) {
    activity.channelData = { ...(activity.channelData as object), [pick(rand, ['team', 'channel', 'extra', 'eventType'])]: rand() < 0.5 ? { id: pick(rand, UNICODE) } : pick(rand, UNICODE) };
    return 'channelData junk';
  }
  if (roll < 0.8) {
    activity.entities = [{ type: pick(rand, ['mention', 'clientInfo', 'x']), text: pick(rand, UNICODE), mentioned: { id: pick(rand, ['28:tugibot-test', 'x']) } }];
    return 'entities';
  }
  if (roll < 0.9) {
    activity.replyToId = pick(rand, ['1', '0', 'x'.repeat(1000), '🙂']);
    return 'replyToId';
  }
  activity.conversation = { ...(activity.conversation as object), id: pick(rand, ['a:x', '19:x@thread.tacv2;messageid=1', '🙂', 'a'.repeat(1000)]) };
  return 'conversation id';
}

function baseActivity(rand: Rand, secrets: FuzzSecrets, signer: CardSigner): Record<string, unknown> {
  const person = pick(rand, PEOPLE);
  const common = { serviceUrl: secrets.serviceUrl, locale: pick(rand, ['et-EE', 'en-US', 'et', 'fr-FR', '']) };
  const text = rand() < 0.05 ? `${pick(rand, TEXTS)} ${pick(rand, UNICODE)}` : pick(rand, TEXTS);
  const args: Record<string, string> = rand() < 0.5 ? { caseId: `TUGI-2026-0000${Math.floor(rand() * 9)}`, id: 'x' } : {};
  const roll = rand();
  if (roll < 0.35) return personalMessage(person, text, common);
  if (roll < 0.45) return channelMention(person, text, common);
  if (roll < 0.6) return cardSubmit(person, signer.sign(pick(rand, VERBS), args), rand() < 0.5 ? { rating: junk(rand), text: junk(rand) } : {}, common);
  if (roll < 0.72) return executeInvoke(person, signer.sign(pick(rand, VERBS), args), {}, common);
  if (roll < 0.8) return { ...executeInvoke(person, signer.sign('help.nothing'), {}, common), name: pick(rand, INVOKE_NAMES), value: junk(rand) };
  if (roll < 0.88) return installationUpdate(person, { ...common, action: rand() < 0.7 ? 'add' : 'remove', inChannel: rand() < 0.3 });
  return { ...personalMessage(person, text, common), type: pick(rand, ['conversationUpdate', 'messageReaction', 'typing', 'event', 'endOfConversation', 'messageUpdate', 'x']) };
}

/** A mutated activity for /api/messages: a few mutations, sometimes none. */
function activityCase(rand: Rand, secrets: FuzzSecrets, signer: CardSigner): FuzzCase {
  // A deep copy: the builders share objects (the bot's account) that a mutation must not touch.
  const activity = structuredClone(baseActivity(rand, secrets, signer));
  if (rand() < 0.6) activity.deliveryMode = 'expectReplies';
  const notes: string[] = [];
  const mutations = rand() < 0.15 ? 0 : 1 + Math.floor(rand() * 3);
  for (let index = 0; index < mutations; index += 1) notes.push(rand() < 0.55 ? softMutate(rand, activity) : mutate(rand, activity));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secrets.authorize) notes.push(sign(rand, secrets, activity, headers));
  return { path: '/api/messages', headers, body: JSON.stringify(activity), note: `${String(activity.type)}: ${notes.join(', ') || 'as is'}`, invoke: activity.type === 'invoke' };
}

/**
 * A Bot Framework token for the (mutated) activity, as the Bot Connector would sign it for its
 * service URL: mostly correct, so the junk reaches the bot's own checks; sometimes forged or none.
 */
function sign(rand: Rand, secrets: FuzzSecrets, activity: Record<string, unknown>, headers: Record<string, string>): string {
  const serviceUrl = typeof activity.serviceUrl === 'string' ? activity.serviceUrl : secrets.serviceUrl;
  const roll = rand();
  if (roll < 0.06) return 'no token';
  headers.authorization = secrets.authorize?.(serviceUrl, roll < 0.12) ?? '';
  return roll < 0.12 ? 'forged token' : 'signed';
}

/** A body that is not what it claims: truncated, binary, compressed, a bomb, deep, huge, wrong type. */
function rawCase(rand: Rand, secrets: FuzzSecrets, path: string, headers: Record<string, string>): FuzzCase {
  const json = JSON.stringify(personalMessage(KATI, 'abi', { serviceUrl: secrets.serviceUrl }));
  const roll = rand();
  const base = { path, invoke: false };
  if (roll < 0.15) return { ...base, headers: { ...headers, 'content-type': 'application/json' }, body: json.slice(0, Math.floor(rand() * json.length)), note: 'truncated JSON' };
  if (roll < 0.25) return { ...base, headers: { ...headers, 'content-type': 'application/json' }, body: Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 2000) }, () => Math.floor(rand() * 256))), note: 'random bytes' };
  if (roll < 0.4) return { ...base, headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(json), note: 'gzip' };
  if (roll < 0.45) return { ...base, headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'deflate' }, body: deflateSync(json), note: 'deflate' };
  if (roll < 0.52) return { ...base, headers: { ...headers, 'content-type': 'application/json', 'content-encoding': pick(rand, ['gzip', 'x-gzip', 'gzip, identity', 'identity, gzip']) }, body: secrets.bomb, note: 'gzip bomb' };
  if (roll < 0.6) return { ...base, headers: { ...headers, 'content-type': 'application/json' }, body: `${'['.repeat(100_000)}`, note: 'deep nesting' };
  if (roll < 0.68) return { ...base, headers: { ...headers, 'content-type': 'application/json' }, body: `"${'x'.repeat(300_000 + Math.floor(rand() * 200_000))}"`, note: 'oversized' };
  if (roll < 0.76) return { ...base, headers: { ...headers, 'content-type': pick(rand, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) }, body: json, note: 'wrong content type' };
  if (roll < 0.84) return { ...base, headers: { ...headers, 'content-type': 'application/json' }, body: pick(rand, ['null', '1', '"x"', '[]', 'true', '{}', '{"__proto__":{"type":"message"}}', '{"type":null}', ' ']), note: 'JSON of the wrong kind' };
  return { ...base, headers: { ...headers, 'content-type': 'application/json; charset=utf-16' }, body: Buffer.from(json, 'utf16le'), note: 'utf-16' };
}

function incidentBody(rand: Rand): unknown {
  const incident: Record<string, unknown> = { ref: `fuzz-${Math.floor(rand() * 20)}`, systems: ['SKAIS'], severity: 'minor', status: pick(rand, ['investigating', 'identified', 'resolved']), title: 'Fuzz', description: 'Fuzz test.' };
  if (rand() < 0.7) mutate(rand, incident);
  return incident;
}

function incidentCase(rand: Rand, secrets: FuzzSecrets): FuzzCase {
  const raw = JSON.stringify(incidentBody(rand));
  const now = Math.floor(Date.now() / 1000);
  const roll = rand();
  const timestamp = String(roll < 0.1 ? now - 400 : roll < 0.15 ? now + 120 : now);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp };
  const sigRoll = rand();
  if (sigRoll < 0.6) headers['x-tugibot-signature'] = signIncident(secrets.webhookSecret, timestamp, raw);
  else if (sigRoll < 0.75) headers['x-tugibot-signature'] = signIncident('wrong', timestamp, raw);
  else if (sigRoll < 0.85) headers['x-tugibot-signature'] = String(junk(rand)).replace(/[^\x20-\x7e]/g, '').slice(0, 500);
  if (rand() < 0.5) headers['idempotency-key'] = rand() < 0.1 ? 'k'.repeat(300) : `key-${Math.floor(rand() * 50)}`;
  if (rand() < 0.15) return rawCase(rand, secrets, '/api/incidents', headers);
  return { path: '/api/incidents', headers, body: raw, note: 'incident', invoke: false };
}

function alertmanagerCase(rand: Rand, secrets: FuzzSecrets): FuzzCase {
  const alerts = Array.from({ length: rand() < 0.05 ? 150 : 1 + Math.floor(rand() * 5) }, (_, index) => ({ status: 'firing', labels: { system: rand() < 0.05 ? `S${index}` : 'STAR', severity: 'warning' }, annotations: { summary: 'Fuzz' }, startsAt: new Date().toISOString() }));
  const payload: Record<string, unknown> = { version: '4', groupKey: `g-${Math.floor(rand() * 10)}`, status: rand() < 0.7 ? 'firing' : 'resolved', receiver: 'tugibot', groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: '', alerts };
  if (rand() < 0.7) mutate(rand, payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (rand() < 0.8) headers.authorization = rand() < 0.8 ? `Bearer ${secrets.alertmanagerToken}` : 'Bearer nope';
  if (rand() < 0.15) return rawCase(rand, secrets, '/api/alerts/alertmanager', headers);
  return { path: '/api/alerts/alertmanager', headers, body: JSON.stringify(payload), note: 'alertmanager', invoke: false };
}

/** `count` fuzz cases from `seed`: mostly activities, then junk bodies, webhook and Alertmanager calls. */
export function* fuzzCases(seed: number, count: number, secrets: FuzzSecrets): Generator<FuzzCase> {
  const rand = seededRandom(seed);
  const signer = new CardSigner(secrets.cardSecret);
  for (let index = 0; index < count; index += 1) {
    const roll = rand();
    if (roll < 0.6) yield activityCase(rand, secrets, signer);
    else if (roll < 0.75) yield rawCase(rand, secrets, '/api/messages', secrets.authorize ? { authorization: secrets.authorize(secrets.serviceUrl, rand() < 0.2) } : {});
    else if (roll < 0.88) yield incidentCase(rand, secrets);
    else yield alertmanagerCase(rand, secrets);
  }
}
