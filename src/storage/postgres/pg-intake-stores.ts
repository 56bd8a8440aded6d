import { FOLLOWABLE, ackId, type AckStore, type AppInstall, type FollowedSystem, type InstallStore, type IntakeReceipt, type NoticeAck, type ReceiptStore, type SubscriptionStore } from '../../features/incidents/index.js';
import type { Queryable } from './pool.js';

/** Answers given to idempotency keys: written once (the key is the primary key), never changed. */
export class PgReceiptStore implements ReceiptStore {
  constructor(private readonly db: Queryable) {}

  async get(key: string): Promise<IntakeReceipt | undefined> {
    const { rows } = await this.db.query<{ data: IntakeReceipt }>('SELECT data FROM incident_receipts WHERE id = $1', [key]);
    return rows[0]?.data;
  }

  /** A second receipt for the same key is refused (a unique violation), as lowdb refuses it: the first answer stands. */
  async put(receipt: IntakeReceipt): Promise<void> {
    await this.db.query('INSERT INTO incident_receipts (id, data) VALUES ($1, $2)', [receipt.id, JSON.stringify(receipt)]);
  }
}

/** What each person follows; everything until they choose. */
export class PgSubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: Queryable) {}

  async followed(aadObjectId: string): Promise<FollowedSystem[]> {
    const { rows } = await this.db.query<{ followed: FollowedSystem[] }>('SELECT followed FROM incident_subscriptions WHERE aad_object_id = $1', [aadObjectId.toLowerCase()]);
    return rows[0]?.followed ?? [...FOLLOWABLE];
  }

  async save(aadObjectId: string, followed: FollowedSystem[]): Promise<void> {
    await this.db.query(
      'INSERT INTO incident_subscriptions (aad_object_id, followed) VALUES ($1, $2) ON CONFLICT (aad_object_id) DO UPDATE SET followed = EXCLUDED.followed',
      [aadObjectId.toLowerCase(), JSON.stringify([...new Set(followed)])]);
  }
}

type AckRow = { incident_id: string; aad_object_id: string; at: string };
const ackOf = (row: AckRow): NoticeAck => ({ id: ackId(row.incident_id, row.aad_object_id), incidentId: row.incident_id, aadObjectId: row.aad_object_id, at: row.at });

/** Acknowledgements: one row per incident and person (the primary key), whichever replica takes the press. */
export class PgAckStore implements AckStore {
  constructor(private readonly db: Queryable) {}

  async add(ack: NoticeAck): Promise<boolean> {
    const result = await this.db.query('INSERT INTO incident_acks (incident_id, aad_object_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [ack.incidentId, ack.aadObjectId.toLowerCase(), ack.at]);
    return result.rowCount === 1;
  }

  async get(incidentId: string, aadObjectId: string): Promise<NoticeAck | undefined> {
    const { rows } = await this.db.query<AckRow>('SELECT incident_id, aad_object_id, at FROM incident_acks WHERE incident_id = $1 AND aad_object_id = $2',
      [incidentId, aadObjectId.toLowerCase()]);
    return rows[0] && ackOf(rows[0]);
  }

  async forIncident(incidentId: string): Promise<ReadonlyMap<string, NoticeAck>> {
    const { rows } = await this.db.query<AckRow>('SELECT incident_id, aad_object_id, at FROM incident_acks WHERE incident_id = $1', [incidentId]);
    return new Map(rows.map((row) => [row.aad_object_id, ackOf(row)]));
  }
}

/** Proactive installs: one row per person. */
export class PgInstallStore implements InstallStore {
  constructor(private readonly db: Queryable) {}

  async get(id: string): Promise<AppInstall | undefined> {
    const { rows } = await this.db.query<{ data: AppInstall }>('SELECT data FROM app_installs WHERE id = $1', [id]);
    return rows[0]?.data;
  }

  async put(install: AppInstall): Promise<void> {
    await this.db.query('INSERT INTO app_installs (id, state, data) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, data = EXCLUDED.data',
      [install.id, install.state, JSON.stringify(install)]);
  }

  async claim(install: AppInstall, expectedUpdatedAt: string): Promise<boolean> {
    const { rowCount } = await this.db.query("UPDATE app_installs SET state = $2, data = $3 WHERE id = $1 AND data->>'updatedAt' = $4",
      [install.id, install.state, JSON.stringify(install), expectedUpdatedAt]);
    return rowCount === 1;
  }

  async all(): Promise<readonly AppInstall[]> {
    const { rows } = await this.db.query<{ data: AppInstall }>('SELECT data FROM app_installs ORDER BY id COLLATE "C"');
    return rows.map((row) => row.data);
  }
}
