import type { Request, Response } from 'restify';
import { alertGroupToInput, alertmanagerDetails, parseAlertmanager, type IncidentService } from '../features/incidents/index.js';
import type { Logger } from '../shared/logger.js';
import { sameSecret } from './incident-signature.js';
import type { RouteMount, RouteTools } from './server.js';

/** Alertmanager's largest payload: `max_alerts` of 100 alerts with their labels fits well within it. */
export const ALERTMANAGER_BODY_LIMIT = 262_144;

function bearerOf(req: Request): string {
  return /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1]?.trim() ?? '';
}

/**
 * `POST /api/alerts/alertmanager`: Prometheus Alertmanager's webhook (payload version 4) with
 * `Authorization: Bearer <ALERTMANAGER_TOKEN>`. The group key is the incident's ref; `firing`
 * opens or updates it, `resolved` resolves it. 503 while ALERTMANAGER_TOKEN is empty.
 */
export function alertmanagerRoutes(deps: { service: IncidentService; token: string; logger: Logger }): RouteMount {
  return (server, tools) => {
    if (!deps.token) {
      server.post('/api/alerts/alertmanager', async (req: Request, res: Response) => {
        tools.fail(res, 503, 'AlertmanagerWebhookOff', 'The Alertmanager webhook is off: set ALERTMANAGER_TOKEN to turn it on.');
      });
      return;
    }
    // The token is checked on the headers, before the body is read: a caller without it costs nothing.
    const admit = (req: Request) => {
      const given = bearerOf(req);
      if (given && sameSecret(given, deps.token)) return undefined;
      deps.logger.warn('refused an Alertmanager call without the right token');
      return { status: 401, code: 'Unauthorized', message: 'A valid "Authorization: Bearer <ALERTMANAGER_TOKEN>" header is required.' };
    };
    server.post('/api/alerts/alertmanager', ...tools.jsonBody(ALERTMANAGER_BODY_LIMIT, admit), async (req: Request, res: Response) => {
      await receive(req, res, tools, deps);
    });
  };
}

async function receive(req: Request, res: Response, tools: RouteTools, deps: { service: IncidentService; token: string; logger: Logger }): Promise<void> {
  const given = bearerOf(req);
  if (!given || !sameSecret(given, deps.token)) {
    deps.logger.warn('refused an Alertmanager call without the right token');
    return tools.fail(res, 401, 'Unauthorized', 'A valid "Authorization: Bearer <ALERTMANAGER_TOKEN>" header is required.');
  }
  const payload = parseAlertmanager(req.body);
  if (!payload.ok) return tools.fail(res, 400, 'InvalidAlertmanagerPayload', payload.reason);
  const input = alertGroupToInput(payload.value);
  if (!input.ok) return tools.fail(res, 400, 'InvalidAlertmanagerPayload', input.reason);
  try {
    const resolved = payload.value.status === 'resolved';
    const result = await deps.service.intake(input.value, { by: { source: 'alertmanager' }, keepStatus: true, onlyExisting: resolved, alert: alertmanagerDetails(payload.value, input.value, new Date()) });
    if (result.outcome === 'ignored') {
      res.send(200, { ref: input.value.ref, status: 'ignored', message: 'No open incident has this group key; nothing to resolve.' });
      return;
    }
    res.send(result.outcome === 'created' ? 201 : 200, result.answer);
  } catch (error) {
    deps.logger.error({ err: error }, 'Alertmanager intake failed');
    tools.fail(res, 500, 'InternalError', 'The alert could not be stored; Alertmanager will retry.');
  }
}
