import type { CredentialWarningStore } from '../../src/features/credentials/index.js';
import type { SeenSignatures } from '../../src/http/replay-guard.js';
import type { StoreFactory } from './store-factories.js';

/** The replay guard's accepted signatures: found within their window, counted, forgotten when stale. */
export function seenSignaturesContract(factory: () => StoreFactory<SeenSignatures>): void {
  describe('SeenSignatures contract', () => {
    it('remembers a signature with its key until it is stale, across a restart', async () => {
      const stores = factory();
      const store = await stores.open();
      await store.remember('sha256=aa', { key: 'k-1', until: 1300 }, 1000);
      await store.remember('sha256=bb', { until: 1100 }, 1000);
      expect(await store.find('sha256=aa', 1000)).toEqual({ key: 'k-1', until: 1300 });
      expect(await store.find('sha256=bb', 1000)).toEqual({ until: 1100 });
      expect(await store.count(1000)).toBe(2);
      expect(await store.find('sha256=bb', 1101)).toBeUndefined();
      await store.remember('sha256=cc', { until: 1500 }, 1200);
      const again = await stores.reopen();
      expect(await again.count(1200)).toBe(2);
      expect(await again.find('sha256=aa', 1200)).toEqual({ key: 'k-1', until: 1300 });
    });
  });
}

/** Which credential warnings went out, per expiry date. */
export function credentialStoreContract(factory: () => StoreFactory<CredentialWarningStore>): void {
  describe('CredentialWarningStore contract', () => {
    it('adds thresholds once, newest (largest) first, across a restart', async () => {
      const stores = factory();
      const store = await stores.open();
      expect(await store.warned('2027-01-01T00:00:00.000Z')).toEqual([]);
      await store.markWarned('2027-01-01T00:00:00.000Z', [30]);
      await store.markWarned('2027-01-01T00:00:00.000Z', [14, 30, 7]);
      expect(await (await stores.reopen()).warned('2027-01-01T00:00:00.000Z')).toEqual([30, 14, 7]);
      expect(await store.warned('2028-01-01T00:00:00.000Z')).toEqual([]);
    });
  });
}
