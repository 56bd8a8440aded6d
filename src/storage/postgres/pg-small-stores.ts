import type { CredentialWarningStore } from '../../features/credentials/index.js';
import type { SeenSignature, SeenSignatures } from '../../http/replay-guard.js';
import type { Queryable } from './pool.js';

/** Accepted incident-webhook signatures, shared by the replicas; stale ones are deleted as new ones come. */
export class PgSeenSignatures implements SeenSignatures {
  constructor(private readonly db: Queryable) {}

  async find(signature: string, nowSeconds: number): Promise<SeenSignature | undefined> {
    const { rows } = await this.db.query<{ idempotency_key: string | null; until: string }>(
      'SELECT idempotency_key, until FROM seen_signatures WHERE signature = $1 AND until >= $2', [signature, nowSeconds]);
    if (!rows[0]) return undefined;
    const until = Number(rows[0].until);
    return rows[0].idempotency_key === null ? { until } : { key: rows[0].idempotency_key, until };
  }

  async count(nowSeconds: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM seen_signatures WHERE until >= $1', [nowSeconds]);
    return rows[0].n;
  }

  async remember(signature: string, seen: SeenSignature, nowSeconds: number): Promise<void> {
    await this.db.query('DELETE FROM seen_signatures WHERE until < $1', [nowSeconds]);
    await this.db.query(
      `INSERT INTO seen_signatures (signature, idempotency_key, until) VALUES ($1, $2, $3)
       ON CONFLICT (signature) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key, until = EXCLUDED.until`,
      [signature, seen.key ?? null, seen.until]);
  }
}

/** Which credential-expiry warnings went out: one row per expiry date and threshold. */
export class PgCredentialStore implements CredentialWarningStore {
  constructor(private readonly db: Queryable) {}

  async warned(expiresOn: string): Promise<number[]> {
    const { rows } = await this.db.query<{ threshold: number }>(
      'SELECT threshold FROM credential_warnings WHERE expires_on = $1 ORDER BY threshold DESC', [expiresOn]);
    return rows.map((row) => row.threshold);
  }

  async markWarned(expiresOn: string, thresholds: number[]): Promise<void> {
    if (thresholds.length === 0) return;
    await this.db.query(
      'INSERT INTO credential_warnings (expires_on, threshold) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING', [expiresOn, thresholds]);
  }
}
