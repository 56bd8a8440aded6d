import { createHash } from 'node:crypto';
import type { Request, Response } from 'restify';
import { IDEMPOTENCY_CONFLICT, parseIncidentInput, type IncidentService } from '../features/incidents/index.js';
import type { Logger } from '../shared/logger.js';
import { checkSignature, checkSignatureHeaders } from './incident-signature.js';
import { MemorySeenSignatures, ReplayGuard, type SeenSignatures } from './replay-guard.js';
import type { RouteMount, RouteTools } from './server.js';

export const INCIDENT_BODY_LIMIT = 65_536;
const MAX_KEY_LENGTH = 200;

export interface IncidentRouteDeps {
  service: IncidentService;
  secret: string;
  logger: Logger;
  /** Real time in seconds for the signature's freshness (monitoring signs with real time, not TUGIBOT_NOW). */
  nowSeconds?: () => number;
  /** Signatures accepted within their window (a replay is refused); in memory when not given. */
  seen?: SeenSignatures;
}

/**
 * `POST /api/incidents`: a signed JSON incident from monitoring (contracts.md). Answers 201 for a
 * new incident, 200 for an update or a repeat, 400/401/409/413/415 with a reason, and 503 while
 * INCIDENT_WEBHOOK_SECRET is empty. A reused Idempotency-Key with a different body gets 409, and so
 * does a replayed signature under another Idempotency-Key; the same request again gets the first
 * answer. The signature's headers are checked before the body is read.
 */
export function incidentRoutes(deps: IncidentRouteDeps): RouteMount {
  const nowSeconds = deps.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const guard = new ReplayGuard(deps.seen ?? new MemorySeenSignatures());
  const admit = (req: Request) => {
    const headers = checkSignatureHeaders(req.header('x-tugibot-timestamp'), req.header('x-tugibot-signature'), nowSeconds());
    if (headers.ok) return undefined;
    deps.logger.warn({ reason: headers.reason }, 'refused an unsigned or badly signed incident before reading it');
    return { status: 401, code: 'Unauthorized', message: headers.reason };
  };
  return (server, tools) => {
    if (!deps.secret) {
      server.post('/api/incidents', async (req: Request, res: Response) => {
        tools.fail(res, 503, 'IncidentWebhookOff', 'The incident webhook is off: set INCIDENT_WEBHOOK_SECRET to turn it on.');
      });
      return;
    }
    server.post('/api/incidents', ...tools.jsonBody(INCIDENT_BODY_LIMIT, admit), async (req: Request, res: Response) => {
      await receive(req, res, tools, { ...deps, guard }, nowSeconds());
    });
  };
}

async function receive(req: Request, res: Response, tools: RouteTools, deps: IncidentRouteDeps & { guard: ReplayGuard }, now: number): Promise<void> {
  const raw = typeof (req as Request & { rawBody?: unknown }).rawBody === 'string' ? (req as Request & { rawBody: string }).rawBody : '';
  const signature = checkSignature(deps.secret, req.header('x-tugibot-timestamp'), req.header('x-tugibot-signature'), raw, now);
  if (!signature.ok) {
    deps.logger.warn({ reason: signature.reason }, 'refused an unsigned or badly signed incident');
    return tools.fail(res, 401, 'Unauthorized', signature.reason);
  }
  const key = req.header('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH)) return tools.fail(res, 400, 'BadIdempotencyKey', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`);
  const parsed = parseIncidentInput(req.body);
  if (!parsed.ok) return tools.fail(res, 400, 'InvalidIncident', parsed.reason);
  const claim = await deps.guard.claim(req.header('x-tugibot-signature') ?? '', key, Number(req.header('x-tugibot-timestamp')), now);
  if (!claim.ok) {
    deps.logger.warn({ code: claim.refusal.code }, 'refused a replayed incident signature');
    return tools.fail(res, claim.refusal.status, claim.refusal.code, claim.refusal.message);
  }
  try {
    const result = await deps.service.intake(parsed.value, {
      by: { source: 'webhook' },
      // Without a key, the signature is the key: the same signed request again gets the first answer.
      idempotencyKey: key ? `webhook:${key}` : `webhook-signature:${(req.header('x-tugibot-signature') ?? '').trim().toLowerCase()}`,
      bodyHash: createHash('sha256').update(raw).digest('hex'),
    });
    await claim.commit();
    res.send(result.outcome === 'created' ? 201 : 200, result.answer);
  } catch (error) {
    await claim.release().catch((releaseError: unknown) => deps.logger.warn({ err: releaseError }, 'could not release the signature claim; it lapses by itself'));
    if (error === IDEMPOTENCY_CONFLICT) return tools.fail(res, 409, 'IdempotencyKeyReused', 'This Idempotency-Key was used before with a different body.');
    deps.logger.error({ err: error }, 'incident intake failed');
    tools.fail(res, 500, 'InternalError', 'The incident could not be stored; please retry.');
  }
}
