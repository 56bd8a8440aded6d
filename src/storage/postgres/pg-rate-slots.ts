import type { SlotReserver } from '../../features/incidents/index.js';
import type { Queryable } from './pool.js';

/**
 * The replicas' shared sending schedule: one row per gate holding where the last reservation
 * ends. A reservation is one statement: it starts at that end, or at the database's clock when
 * the gate was idle, and moves the end on by `count * intervalMs`. The row lock orders replicas
 * reserving at once, so reservations never overlap; the database's clock is the only clock.
 */
export class PgRateSlots implements SlotReserver {
  constructor(private readonly db: Queryable) {}

  async reserve(name: string, count: number, intervalMs: number): Promise<{ firstSlot: number; storeNow: number }> {
    const span = count * intervalMs;
    const { rows } = await this.db.query<{ next_free: string; store_now: string }>(
      `WITH clock AS MATERIALIZED (SELECT clock_timestamp() AS t)
       INSERT INTO rate_gates AS gate (name, next_free) SELECT $1, clock.t + $2 * interval '1 millisecond' FROM clock
       ON CONFLICT (name) DO UPDATE SET next_free = greatest(gate.next_free, (SELECT t FROM clock)) + $2 * interval '1 millisecond'
       RETURNING extract(epoch FROM gate.next_free) * 1000 AS next_free, (SELECT extract(epoch FROM t) * 1000 FROM clock) AS store_now`,
      [name, span]);
    return { firstSlot: Number(rows[0].next_free) - span, storeNow: Number(rows[0].store_now) };
  }
}
