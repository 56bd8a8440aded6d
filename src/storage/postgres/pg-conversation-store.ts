import type { ConversationStore } from '../../shared/conversations.js';
import { channelRoot } from '../../shared/conversations.js';
import type { ConversationAddress } from '../../shared/messaging.js';
import type { Queryable } from './pool.js';

type Row = { address: ConversationAddress };
export const CONVERSATION_COLUMNS = 'conversation_id, kind, aad_object_id, channel_id, address, created, changed';
/** Writes only when something changed; `changed` moves on each change, `created` never. */
export const SAVE_CONFLICT = `ON CONFLICT (conversation_id) DO UPDATE SET kind = EXCLUDED.kind, aad_object_id = EXCLUDED.aad_object_id,
  channel_id = EXCLUDED.channel_id, address = EXCLUDED.address, changed = EXCLUDED.changed, updated_at = now()
  WHERE conversations.address IS DISTINCT FROM EXCLUDED.address`;

/** The columns a saved address fills but for its numbers: conversation_id, kind, aad_object_id, channel_id, address. */
export function conversationValues(address: ConversationAddress): unknown[] {
  const stored = address.kind === 'channel' ? channelRoot(address) : address;
  const aad = stored.kind === 'personal' ? stored.user?.aadObjectId?.toLowerCase() ?? null : null;
  const channelId = stored.kind === 'channel' ? stored.channelId ?? null : null;
  return [stored.conversationId, stored.kind, aad, channelId, stored];
}

/**
 * Conversation addresses in PostgreSQL, shared by every replica: a person's newest personal chat
 * (by when it was first seen, as lowdb keeps them) and a channel's root address (the one saved last).
 */
export class PgConversationStore implements ConversationStore {
  constructor(private readonly db: Queryable) {}

  async save(address: ConversationAddress): Promise<void> {
    await this.db.query(
      `WITH seq AS (SELECT nextval('conversation_seq') AS n)
       INSERT INTO conversations (${CONVERSATION_COLUMNS}) SELECT $1, $2, $3, $4, $5, seq.n, seq.n FROM seq ${SAVE_CONFLICT}`, conversationValues(address));
  }

  async personalFor(aadObjectId: string): Promise<ConversationAddress | undefined> {
    const { rows } = await this.db.query<Row>(
      "SELECT address FROM conversations WHERE kind = 'personal' AND aad_object_id = $1 ORDER BY created DESC LIMIT 1", [aadObjectId.toLowerCase()]);
    return rows[0]?.address;
  }

  async channel(channelId: string): Promise<ConversationAddress | undefined> {
    const { rows } = await this.db.query<Row>(
      `SELECT address FROM conversations WHERE kind = 'channel' AND (channel_id = $1 OR conversation_id = $1)
       ORDER BY (channel_id = $1) DESC, changed DESC LIMIT 1`, [channelId]);
    return rows[0]?.address;
  }

  async allPersonal(): Promise<ConversationAddress[]> {
    const { rows } = await this.db.query<Row>("SELECT address FROM conversations WHERE kind = 'personal' ORDER BY created");
    return rows.map((row) => row.address);
  }

  async remove(conversationId: string): Promise<void> {
    await this.db.query('DELETE FROM conversations WHERE conversation_id = $1', [conversationId]);
  }
}
