import { progressOf } from '../../../src/features/incidents/delivery-progress.js';
import { DeliveryTally } from '../../../src/features/incidents/delivery-tally.js';
import type { DeliveryEntry } from '../../../src/features/incidents/incident-store.js';
import { LowdbOutboxStore } from '../../../src/storage/lowdb-outbox-store.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const address = { channel: 'msteams', serviceUrl: 'http://x', conversationId: 'a:1', kind: 'personal' as const, bot: { id: '28:b' } };

/** A small deterministic random source, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function randomEntry(random: () => number, key: string): DeliveryEntry {
  const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)];
  const deliveredVersion = pick([0, 1, 2, 3]);
  const failedVersion = pick([undefined, 1, 2, 3]);
  return {
    id: `inc|${key}`, incidentId: 'inc', key, address, state: pick(['idle', 'sending', 'dropped'] as const), deliveredVersion,
    sendingVersion: pick([1, 2, 3]), attempts: 1, failedVersion, failure: failedVersion === undefined ? pick([undefined, 'blocked']) : pick(['throttled', 'gone|x']), updatedAt: '2026-12-07T00:00:00Z',
  };
}

describe('delivery counts kept as entries are written', () => {
  it('agree with counting every entry, through any sequence of writes and for every version', () => {
    const random = seeded(7);
    const keys = Array.from({ length: 40 }, (_, n) => `p${n}`);
    const current = new Map<string, DeliveryEntry>();
    const tally = new DeliveryTally();
    for (let step = 0; step < 2000; step += 1) {
      const entry = randomEntry(random, keys[Math.floor(random() * keys.length)]);
      current.set(entry.key, entry);
      tally.note(entry);
      for (const version of [1, 2, 3]) {
        expect(tally.progress(version, keys.length)).toEqual(progressOf(version, keys.map((key) => ({ key })), (key) => current.get(key)));
      }
    }
  });

  it('follow an entry changed in place and written again, as the worker does', () => {
    const tally = new DeliveryTally();
    const entry: DeliveryEntry = { id: 'inc|p1', incidentId: 'inc', key: 'p1', address, state: 'sending', deliveredVersion: 0, sendingVersion: 1, attempts: 1, updatedAt: '' };
    tally.note(entry);
    expect(tally.progress(1, 1)).toMatchObject({ delivered: 0, pending: 1 });
    Object.assign(entry, { state: 'idle', deliveredVersion: 1 });
    tally.note(entry);
    expect(tally.progress(1, 1)).toMatchObject({ delivered: 1, pending: 0 });
    expect(tally.progress(2, 1)).toMatchObject({ delivered: 0, pending: 1 });
  });

  describe('in the outbox', () => {
    const temp = useTempDataDir('tugibot-tally-');

    it('are rebuilt from the stored entries when the outbox opens again, and dropped with the incident', async () => {
      let dataDir = await temp.open();
      let outbox = await LowdbOutboxStore.open(dataDir);
      const base = { incidentId: 'inc', address, sendingVersion: 1, attempts: 1, updatedAt: '' };
      await outbox.put({ ...base, id: 'inc|a', key: 'a', state: 'idle', deliveredVersion: 1 });
      await outbox.put({ ...base, id: 'inc|b', key: 'b', state: 'dropped', deliveredVersion: 0, failure: 'blocked' });
      await outbox.put({ ...base, id: 'inc|c', key: 'c', state: 'idle', deliveredVersion: 0, failedVersion: 1, failure: 'throttled' });
      const expected = { version: 1, total: 5, delivered: 1, dropped: 1, failed: 1, pending: 2, reasons: { blocked: 1, throttled: 1 } };
      expect(await outbox.progress('inc', 1, 5)).toEqual(expected);
      await dataDir.close();

      dataDir = await temp.open();
      outbox = await LowdbOutboxStore.open(dataDir);
      expect(await outbox.progress('inc', 1, 5)).toEqual(expected);
      await outbox.dropLive('inc');
      expect(await outbox.progress('inc', 1, 5)).toMatchObject({ delivered: 0, pending: 5 });
      await dataDir.close();
    });
  });
});
