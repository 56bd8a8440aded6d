/** Bot Framework signs with these (teams-platform.md, "Inbound JWT check"). */
const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** The Bot Framework's clock tolerance. */
const CLOCK_SKEW_SECONDS = 300;
/** Real channel tokens are about 1.5 KB; anything far larger is not one. */
const MAX_TOKEN_CHARS = 16_384;

function decodePart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The checks on the Authorization header that need neither the body nor the signing keys: a
 * bearer JWT signed with an RSA algorithm, for this bot (`aud`), not expired. Run before the body
 * is read, so a caller without a plausible token costs next to nothing; the full check (signature,
 * issuer, endorsements, service URL) runs once the activity is read. Returns the reason to refuse.
 */
export function precheckToken(authorization: string | undefined, appId: string, nowSeconds: number): string | undefined {
  if (!authorization) return 'A Bot Framework token is required (Authorization: Bearer ...).';
  const invalid = 'The Bot Framework token is not valid for this bot.';
  const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  if (!token || token.length > MAX_TOKEN_CHARS) return invalid;
  const parts = token.split('.');
  if (parts.length !== 3) return invalid;
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (!header || !claims || !ALGORITHMS.has(String(header.alg))) return invalid;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((aud) => typeof aud === 'string' && aud.toLowerCase() === appId.toLowerCase())) return invalid;
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS < nowSeconds) return invalid;
  return undefined;
}
