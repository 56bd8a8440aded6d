import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How old a signed request may be, and how far ahead of our clock (contracts.md). */
export const MAX_AGE_SECONDS = 300;
export const MAX_AHEAD_SECONDS = 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Compares two secrets in constant time, whatever their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>`. */
export function signIncident(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/**
 * The checks that need no body: both headers present, the signature shaped as `sha256=<64 hex>`,
 * the timestamp fresh. Run before the body is read, so an unsigned caller costs nothing.
 */
export function checkSignatureHeaders(timestamp: string | undefined, signature: string | undefined, nowSeconds: number): SignatureCheck {
  if (!timestamp || !signature) return { ok: false, reason: 'The X-Tugibot-Timestamp and X-Tugibot-Signature headers are required.' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'X-Tugibot-Timestamp must be Unix seconds.' };
  if (!/^sha256=[0-9a-f]{64}$/i.test(signature.trim())) return { ok: false, reason: 'X-Tugibot-Signature must be sha256=<64 hex digits>.' };
  const age = nowSeconds - Number(timestamp);
  if (age > MAX_AGE_SECONDS) return { ok: false, reason: `The signature is stale: older than ${MAX_AGE_SECONDS} seconds.` };
  if (age < -MAX_AHEAD_SECONDS) return { ok: false, reason: `The timestamp is more than ${MAX_AHEAD_SECONDS} seconds ahead of the server's clock.` };
  return { ok: true };
}

/** Checks `X-Tugibot-Timestamp` and `X-Tugibot-Signature` against the raw body. */
export function checkSignature(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: string, nowSeconds: number): SignatureCheck {
  const headers = checkSignatureHeaders(timestamp, signature, nowSeconds);
  if (!headers.ok || !timestamp || !signature) return headers;
  const expected = Buffer.from(signIncident(secret, timestamp, rawBody));
  const given = Buffer.from(signature.trim().toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'The signature does not match.' };
  return { ok: true };
}
