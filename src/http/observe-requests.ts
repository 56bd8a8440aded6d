import type { Request, Response, Server } from 'restify';
import { secondsSince, type Metrics } from '../shared/metrics.js';
import { enterRequest, newRequestId } from '../shared/request-context.js';

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
    res.setHeader('X-Request-Id', reqId);
    res.once('finish', () => {
      const route = req.getRoute?.()?.path;
      deps.metrics.observe('http', secondsSince(started), { method: req.method ?? 'GET', route: typeof route === 'string' ? route : 'unmatched', status: String(res.statusCode) });
    });
    return next();
  });
}
