import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBotAnswer, sendToBot } from '../../../scripts/chat/bot-client.js';
import { DEFAULT_TENANT, DEFAULT_USER, parseChatOptions } from '../../../scripts/chat/options.js';
import { sessionRig } from './fixtures.js';

describe('parseBotAnswer', () => {
  it('reads the activities of an expectReplies answer, and an invoke\'s bare answer as an invokeResponse', () => {
    expect(parseBotAnswer(200, '{"activities":[{"type":"message","text":"Tere"}]}', 'message')).toEqual({ kind: 'ok', activities: [{ type: 'message', text: 'Tere' }] });
    expect(parseBotAnswer(200, '', 'message')).toEqual({ kind: 'ok', activities: [] });
    expect(parseBotAnswer(200, '{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Tehtud"}', 'invoke')).toEqual({
      kind: 'ok',
      activities: [{ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Tehtud' } } }],
    });
    expect(parseBotAnswer(403, '{"code":"Forbidden"}', 'message')).toEqual({ kind: 'http', status: 403, body: '{"code":"Forbidden"}' });
    expect(parseBotAnswer(200, '<html>', 'message')).toEqual({ kind: 'notJson', body: '<html>' });
  });
});

describe('sendToBot', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"code":"InternalError","message":"boom"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports an HTTP error with its status and body', async () => {
    expect(await sendToBot(`http://127.0.0.1:${port}/api/messages`, { type: 'message' })).toEqual({ kind: 'http', status: 500, body: '{"code":"InternalError","message":"boom"}' });
  });

  it('reports a bot that does not listen, and the session tells how to start it', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const url = `http://127.0.0.1:${freePort}/api/messages`;
    const answer = await sendToBot(url, { type: 'message' });
    expect(answer).toEqual({ kind: 'unreachable', reason: 'ECONNREFUSED' });

    const rig = sessionRig(['--url', url]);
    rig.answers.push(answer);
    await rig.session.start();
    expect(rig.output()).toContain(`Tugibot ei vasta aadressil ${url} (ECONNREFUSED).`);
    expect(rig.output()).toContain('„npm start“');
    expect(rig.session.failures).toBe(1);
  });
});

describe('parseChatOptions', () => {
  it('has defaults for everything and reads no environment', () => {
    expect(parseChatOptions([])).toEqual({
      kind: 'run',
      options: { url: 'http://127.0.0.1:3978/api/messages', user: DEFAULT_USER, name: 'Kati Kasutaja', locale: 'et-EE', tenant: DEFAULT_TENANT, channel: undefined, team: undefined, port: 0 },
    });
    expect(parseChatOptions(['--help'])).toEqual({ kind: 'help' });
  });

  it('names every bad option at once', () => {
    const parsed = parseChatOptions(['--user', 'kati', '--locale', 'fi-FI', '--channel', 'general']);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.problems).toHaveLength(3);
    expect(parseChatOptions(['--colour'])).toMatchObject({ kind: 'error' });
  });
});
