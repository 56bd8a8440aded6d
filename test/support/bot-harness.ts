import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type App, type AppOverrides } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/shared/logger.js';
import { FakeConnector } from './fake-connector.js';
import { SIIM, TENANT } from './activities.js';

export interface HttpAnswer {
  status: number;
  body: unknown;
  text: string;
}

export interface Harness {
  app: App;
  connector: FakeConnector;
  url: string;
  dataDir: string;
  /** Posts an activity (or any body) to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** Posts with expectReplies and returns the reply activities. */
  ask(activity: Record<string, unknown>): Promise<Array<Record<string, unknown>>>;
  /** Stops the server and the app; keeps the data folder when `keepData`. */
  close(keepData?: boolean): Promise<void>;
}

/**
 * Starts the real app (restify, CloudAdapter, lowdb in a temp folder) on loopback, with a fake Bot
 * Connector as the service URL. `env` adds or overrides variables.
 */
export async function startBot(env: Record<string, string> = {}, overrides: AppOverrides = {}, existing?: { dataDir: string; connector: FakeConnector }): Promise<Harness> {
  const connector = existing?.connector ?? new FakeConnector();
  if (!existing) await connector.start();
  const dataDir = existing?.dataDir ?? mkdtempSync(join(tmpdir(), 'tugibot-it-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ALLOWED_TENANTS: TENANT,
    SPECIALISTS: SIIM.aadObjectId,
    SPECIALISTS_CHANNEL_ID: '19:specialists0000000000000000000@thread.tacv2',
    CARD_SIGNING_SECRET: 'test-secret-test-secret-test-secret',
    ...env,
  });
  const app = await buildApp(config, { logger: silentLogger(), ...overrides });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  async function post(body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, text };
  }

  return {
    app,
    connector,
    url,
    dataDir,
    post,
    async ask(activity) {
      const answer = await post({ ...activity, deliveryMode: 'expectReplies' });
      if (answer.status !== 200) throw new Error(`The bot answered ${answer.status}: ${answer.text}`);
      return ((answer.body as { activities?: Array<Record<string, unknown>> }).activities ?? []).filter((reply) => reply.type !== 'typing');
    },
    async close(keepData = false) {
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await app.close();
      if (!keepData) {
        if (!existing) await connector.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The text of a reply: its text, or the text of every TextBlock and fact in its card. */
export function textOf(reply: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof reply.text === 'string') parts.push(reply.text);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') parts.push(element.text);
    if (element.type === 'FactSet') for (const fact of element.facts as Array<{ title: string; value: string }>) parts.push(`${fact.title}: ${fact.value}`);
    if (typeof element.title === 'string' && String(element.type).startsWith('Action.')) parts.push(`[${element.title}]`);
    for (const value of Object.values(element)) if (typeof value === 'object') visit(value);
  };
  visit(reply.attachments);
  return parts.join('\n');
}

/** The card of a reply, if it carries one. */
export function cardOf(reply: Record<string, unknown>): Record<string, unknown> | undefined {
  const attachment = (reply.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined)?.find((item) => item.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content;
}

/** The data of the card's button with the given title. */
export function buttonData(card: Record<string, unknown> | undefined, title: string | RegExp): { verb: string; args: Record<string, string | number | boolean>; sig: string } {
  const found: Array<Record<string, unknown>> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (String(element.type).startsWith('Action.') && element.data) found.push(element);
    for (const value of Object.values(element)) if (typeof value === 'object') visit(value);
  };
  visit(card);
  const button = found.find((item) => (typeof title === 'string' ? item.title === title : title.test(String(item.title))));
  if (!button) throw new Error(`No button ${String(title)} on the card; buttons: ${found.map((item) => String(item.title)).join(', ')}`);
  return button.data as { verb: string; args: Record<string, string | number | boolean>; sig: string };
}
