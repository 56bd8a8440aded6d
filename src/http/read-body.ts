import type { Request, RequestHandler, Response, Next } from 'restify';

/** A refusal sent before or instead of reading a body: the one error shape of every endpoint. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export interface BodyOptions {
  /** Largest body accepted, in bytes as they arrive (no encoding is inflated, see below). */
  maxBytes: number;
  /**
   * Runs on the headers before a byte of the body is read: a caller that is not authenticated is
   * refused at once and costs no body buffer. May be async (a token's signature check); the body
   * waits unread (in the socket, under TCP back-pressure) until it answers.
   */
  admit?: (req: Request) => Refusal | undefined | Promise<Refusal | undefined>;
}

/** How deeply objects and arrays may nest; deeper JSON is junk and could exhaust the stack later. */
export const MAX_JSON_DEPTH = 64;

export type BodyRequest = Request & { rawBody?: string };

function contentEncodings(req: Request): string[] {
  return (req.header('content-encoding') ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '' && item !== 'identity');
}

/** The checks on the headers alone, in order: media type, encoding, caller, size announced. */
async function screenHeaders(req: Request, options: BodyOptions): Promise<Refusal | undefined> {
  const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    return { status: 415, code: 'UnsupportedMediaType', message: 'Only JSON bodies are accepted (Content-Type: application/json).' };
  }
  // Teams, Alertmanager and our webhook callers send identity; an inflated body would be a bomb.
  if (contentEncodings(req).length > 0) {
    return { status: 415, code: 'UnsupportedContentEncoding', message: 'Compressed bodies are not accepted: send the body uncompressed (Content-Encoding: identity).' };
  }
  // The caller before the size: one who is not authenticated learns nothing about the limits.
  const refused = await options.admit?.(req);
  if (refused) return refused;
  const declared = Number(req.header('content-length') ?? '');
  return Number.isFinite(declared) && declared > options.maxBytes ? tooLarge(options.maxBytes) : undefined;
}

function tooLarge(maxBytes: number): Refusal {
  return { status: 413, code: 'PayloadTooLarge', message: `Request body size exceeds ${maxBytes} bytes.` };
}

/** The deepest nesting of objects and arrays in a JSON text, counted outside strings in one pass. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92) index += 1; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) {
      inString = true;
    } else if (char === 123 || char === 91) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (char === 125 || char === 93) {
      depth -= 1;
    }
  }
  return deepest;
}

/** Turns the bytes into a JSON value, or says why not. */
export function parseJsonBytes(bytes: Buffer): { ok: true; value: unknown; text: string } | { ok: false; refusal: Refusal } {
  const bad = (message: string) => ({ ok: false as const, refusal: { status: 400, code: 'InvalidContent', message } });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bad('The body is not valid UTF-8.');
  }
  if (text.trim() === '') return bad('Invalid JSON: the body is empty.');
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return bad(`Invalid JSON: nested deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (error) {
    return bad(`Invalid JSON: ${(error as Error).message}`);
  }
}

function refuse(res: Response, refusal: Refusal): void {
  // The rest of an unread body is discarded by Node, never buffered; the connection is not reused.
  res.setHeader('connection', 'close');
  if (refusal.code === 'UnsupportedContentEncoding') res.setHeader('accept-encoding', 'identity');
  res.send(refusal.status, { code: refusal.code, message: refusal.message });
}

/**
 * Reads a JSON body of at most `maxBytes`, keeping the raw text (`req.rawBody`) for signatures.
 * Replaces restify's body parser, which inflated gzip without a limit: here compressed bodies are
 * refused with 415, the announced and the received size are both held to the limit, the caller is
 * admitted on its headers before the body is read, and junk (bad UTF-8, bad JSON, absurd nesting)
 * gets 400.
 */
export function readJsonBody(options: BodyOptions): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    // A client that goes away while its caller is checked must not leave an unheard 'error'.
    req.once('error', () => undefined);
    screenHeaders(req, options).then((early) => {
      if (early) {
        refuse(res, early);
        next(false);
      } else {
        readBody(req, res, next, options.maxBytes);
      }
    }, (error: unknown) => next(error as Error));
  };
}

/** Reads at most `maxBytes` as they arrive, then parses them (see `parseJsonBytes`). */
function readBody(req: Request, res: Response, next: Next, maxBytes: number): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    if (over) return;
    received += chunk.length;
    if (received > maxBytes) {
      over = true;
      chunks.length = 0;
      refuse(res, tooLarge(maxBytes));
      next(false);
      return;
    }
    chunks.push(chunk);
  });
  req.once('error', () => {
    if (over) return;
    over = true;
    if (!res.headersSent) refuse(res, { status: 400, code: 'InvalidContent', message: 'The body could not be read.' });
    next(false);
  });
  req.once('end', () => {
    if (over) return;
    const parsed = parseJsonBytes(Buffer.concat(chunks, received));
    if (!parsed.ok) {
      refuse(res, parsed.refusal);
      return next(false);
    }
    (req as BodyRequest).body = parsed.value;
    (req as BodyRequest).rawBody = parsed.text;
    return next();
  });
}
