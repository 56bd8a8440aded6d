import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../shared/logger.js';
import type { TeamsEdge } from '../teams/adapter.js';
import type { TurnHandler } from '../teams/index.js';
import { noMetrics, type Metrics } from '../shared/metrics.js';
import { observeRequests, resumeRequest } from './observe-requests.js';
import { readJsonBody, type BodyOptions } from './read-body.js';

export type HttpServer = Server;

export interface Readiness {
  ok: boolean;
  checks: Record<string, boolean | string>;
  /** Facts for the operator that do not decide readiness (e.g. when the client secret expires). */
  details?: Record<string, unknown>;
}

export interface HttpDeps {
  edge: TeamsEdge;
  onTurn: TurnHandler;
  readiness: () => Readiness;
  logger: Logger;
  maxBodyBytes: number;
  /** Further routes (webhooks) mounted by their own modules in src/http/. */
  routes?: RouteMount[];
  /** Request latency goes here; off when absent. */
  metrics?: Metrics;
}

export type RouteMount = (server: Server, tools: RouteTools) => void;

export interface RouteTools {
  /**
   * Reads a JSON body of at most `maxBytes` (compressed bodies refused), keeping the raw text for
   * signatures; `admit` checks the caller on the headers before the body is read.
   */
  jsonBody(maxBytes: number, admit?: BodyOptions['admit']): restify.RequestHandler[];
  /** Sends `{code, message}` with a status: the one error shape of every endpoint. */
  fail(res: Response, status: number, code: string, message: string): void;
}

const REFUSAL_CODES: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 501: 'NotImplemented', 503: 'ServiceUnavailable' };

function fail(res: Response, status: number, code: string, message: string): void {
  res.send(status, { code, message });
}

const jsonBody = (maxBytes: number, admit?: BodyOptions['admit']): restify.RequestHandler[] => [readJsonBody({ maxBytes, admit }), resumeRequest];

/**
 * The HTTP server: the Bot Framework endpoint, liveness and readiness, and the webhooks. Builds
 * the server without listening; `main.ts` listens. Counts running requests so that a shutdown can
 * wait for them.
 */
export function createHttpServer(deps: HttpDeps): { server: Server; inFlight: () => number } {
  const server = restify.createServer({ name: 'tugibot', handleUncaughtExceptions: false });
  let running = 0;
  observeRequests(server, { metrics: deps.metrics ?? noMetrics });
  server.pre((req, res, next) => {
    running += 1;
    res.once('close', () => { running -= 1; });
    return next();
  });

  server.on('restifyError', (req: Request, res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) deps.logger.error({ err: error, path: req.path() }, 'request failed');
    else deps.logger.info({ status, path: req.path(), code: error.name }, 'request refused');
    return callback();
  });

  server.get('/healthz', (req, res, next) => {
    res.send(200, { status: 'alive' });
    return next();
  });

  server.get('/readyz', (req, res, next) => {
    const readiness = deps.readiness();
    const details = readiness.details ? { details: readiness.details } : {};
    res.send(readiness.ok ? 200 : 503, { status: readiness.ok ? 'ready' : 'not ready', checks: readiness.checks, ...details });
    return next();
  });

  const admitCaller = async (req: Request) => {
    const refused = await deps.edge.admit(req.header('authorization'));
    if (refused) deps.logger.warn({ status: refused.status, reason: refused.reason }, 'refused an activity before reading it');
    return refused && { status: refused.status, code: refused.status === 401 ? 'Unauthorized' : 'ServiceUnavailable', message: refused.reason };
  };
  server.post('/api/messages', ...jsonBody(deps.maxBodyBytes, admitCaller), async (req: Request, res: Response) => {
    const screened = await deps.edge.screen(req.body, req.header('authorization'));
    if (!screened.ok) {
      deps.logger.warn({ status: screened.status, reason: screened.reason }, 'refused an activity');
      fail(res, screened.status, REFUSAL_CODES[screened.status] ?? 'BadRequest', screened.reason);
      return;
    }
    // The turn runs on the checked activity (GUIDs lower-cased), not on the raw body.
    const invoke = await deps.edge.process(screened, deps.onTurn);
    if (invoke?.body !== undefined) res.send(invoke.status, invoke.body);
    else res.send(invoke?.status ?? 200);
  });

  for (const mount of deps.routes ?? []) mount(server, { jsonBody, fail });
  return { server, inFlight: () => running };
}
