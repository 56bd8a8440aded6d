import type { CredentialWarningStore } from '../../features/credentials/index.js';
import type { SeenSignature, SeenSignatures } from '../../http/replay-guard.js';
import type { Queryable } from './pool.js';

/**
 * Incident-webhook signatures, shared by the replicas: accepted ones, and running ones (a call
 * under way on some replica, claimed by an insert that only one replica's can win); stale ones
 * are deleted as new ones come.
 */
export class PgSeenSignatures implements SeenSignatures {
  constructor(private readonly db: Queryable) {}

  async find(signature: string, nowSeconds: number): Promise<SeenSignature | undefined> {
    const { rows } = await this.db.query<{ idempotency_key: string | null; until: string; running: boolean }>(
      'SELECT idempotency_key, until, running FROM seen_signatures WHERE signature = $1 AND until >= $2', [signature, nowSeconds]);
    if (!rows[0]) return undefined;
    const found: SeenSignature = { until: Number(rows[0].until) };
    if (rows[0].idempotency_key !== null) found.key = rows[0].idempotency_key;
    if (rows[0].running) found.running = true;
    return found;
  }

  async count(nowSeconds: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM seen_signatures WHERE until >= $1', [nowSeconds]);
    return rows[0].n;
  }

  async remember(signature: string, seen: SeenSignature, nowSeconds: number): Promise<void> {
    await this.db.query('DELETE FROM seen_signatures WHERE until < $1', [nowSeconds]);
    await this.db.query(
      `INSERT INTO seen_signatures (signature, idempotency_key, until, running) VALUES ($1, $2, $3, false)
       ON CONFLICT (signature) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key, until = EXCLUDED.until, running = false`,
      [signature, seen.key ?? null, seen.until]);
  }

  async claim(signature: string, seen: SeenSignature, nowSeconds: number): Promise<boolean> {
    // Inserted, or taking over a stale row (a running claim whose replica died, or an old signature);
    // a live row stays, and a replica inserting at the same moment waits for the other's commit.
    const { rowCount } = await this.db.query(
      `INSERT INTO seen_signatures (signature, idempotency_key, until, running) VALUES ($1, $2, $3, true)
       ON CONFLICT (signature) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key, until = EXCLUDED.until, running = true
       WHERE seen_signatures.until < $4`,
      [signature, seen.key ?? null, seen.until, nowSeconds]);
    return rowCount === 1;
  }

  async release(signature: string): Promise<void> {
    await this.db.query('DELETE FROM seen_signatures WHERE signature = $1 AND running', [signature]);
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
