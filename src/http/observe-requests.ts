import type { Next, Request, Response, Server } from 'restify';
import { secondsSince, type Metrics } from '../shared/metrics.js';
import { enterRequest, newRequestId, runInRequest } from '../shared/request-context.js';

const REQUEST_ID = Symbol('requestId');
type ObservedRequest = Request & { [REQUEST_ID]?: string };

/**
 * Re-enters the request's context after its body was read: the body reader's callbacks run outside
 * it (they come from the socket), so the handlers after it would lose the id without this.
 */
export function resumeRequest(req: Request, res: Response, next: Next): void {
  const id = (req as ObservedRequest)[REQUEST_ID];
  if (id) runInRequest(id, next);
  else next();
}

/**
 * Gives every request an id, before routing: it is answered in `X-Request-Id`, carried by every
 * log line written while the request runs (see request-context.ts), and quoted in the apology
 * when a turn fails. Times each request into the latency histogram by its route pattern (never the
 * raw path, which would make a label per id).
 */
export function observeRequests(server: Server, deps: { metrics: Metrics }): void {
  server.pre((req: Request, res: Response, next) => {
    const started = performance.now();
    const reqId = newRequestId();
    enterRequest(reqId);
    (req as ObservedRequest)[REQUEST_ID] = reqId;
    res.setHeader('X-Request-Id', reqId);
    res.once('finish', () => {
      const route = req.getRoute?.()?.path;
      deps.metrics.observe('http', secondsSince(started), { method: req.method ?? 'GET', route: typeof route === 'string' ? route : 'unmatched', status: String(res.statusCode) });
    });
    return next();
  });
}
