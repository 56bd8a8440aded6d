import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server as NodeServer } from 'node:http';
import type { Logger } from '../shared/logger.js';
import type { PrometheusMetrics } from './prometheus-metrics.js';
import type { RouteMount } from './server.js';

/** Compares a presented bearer token with the configured one in constant time (both hashed first, so lengths do not leak). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match || !token) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

/** `GET /metrics` on the bot's own port, for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`. */
export function metricsRoutes(deps: { metrics: PrometheusMetrics; token: string; logger: Logger }): RouteMount {
  return (server, { fail }) => {
    server.get('/metrics', async (req, res) => {
      if (!bearerMatches(req.header('authorization'), deps.token)) {
        deps.logger.warn({ path: '/metrics' }, 'refused a metrics scrape without the right token');
        res.header('WWW-Authenticate', 'Bearer');
        fail(res, 401, 'Unauthorized', 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".');
        return;
      }
      const { contentType, body } = await deps.metrics.render();
      res.writeHead(200, { 'Content-Type': contentType });
      res.end(body);
    });
  };
}

/**
 * A second, token-free listener that serves only `GET /metrics`, for `METRICS_PORT`. Built here,
 * listened on by `main.ts` on 127.0.0.1 only, so only a scraper on the same host (a sidecar) reaches it.
 */
export function createMetricsServer(metrics: PrometheusMetrics, logger: Logger): NodeServer {
  return createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'NotFound', message: 'Only GET /metrics is served on this port.' }));
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'Content-Type': contentType });
        res.end(body);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'metrics scrape failed');
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 'InternalError', message: 'Metrics could not be collected.' }));
      },
    );
  });
}
