/** A secret or certificate on the app registration, as Graph lists it. */
interface GraphCredential {
  endDateTime?: string;
  /** The first characters of a client secret. */
  hint?: string | null;
  keyId?: string;
}

interface GraphApplication {
  passwordCredentials?: GraphCredential[];
  keyCredentials?: GraphCredential[];
}

/** Reads one Graph resource; `undefined` when it does not exist. Errors (403 without Application.Read.All) throw. */
export type GraphGet = <T>(path: string) => Promise<T | undefined>;

/**
 * When the bot's own credential expires, from its app registration
 * (`GET /applications(appId='...')`, application permission Application.Read.All). The secret the
 * bot uses is the one whose hint matches the start of `MicrosoftAppPassword`; without a match the
 * earliest-expiring secret or certificate counts, so the warning is never late.
 */
export async function readGraphExpiry(get: GraphGet, appId: string, password: string): Promise<Date | undefined> {
  const app = await get<GraphApplication>(`/applications(appId='${encodeURIComponent(appId)}')?$select=passwordCredentials,keyCredentials`);
  if (!app) return undefined;
  const secrets = app.passwordCredentials ?? [];
  const mine = secrets.filter((secret) => secret.hint && password.startsWith(secret.hint) && secret.endDateTime);
  const candidates = mine.length > 0 ? mine : [...secrets, ...(app.keyCredentials ?? [])].filter((item) => item.endDateTime);
  const ends = candidates.map((item) => Date.parse(item.endDateTime as string)).filter((time) => !Number.isNaN(time));
  // Among several secrets with the same hint, the latest is the one most likely in use.
  if (ends.length === 0) return undefined;
  return new Date(mine.length > 0 ? Math.max(...ends) : Math.min(...ends));
}
