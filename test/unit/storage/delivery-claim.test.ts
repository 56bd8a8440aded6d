import { LowdbOutboxStore } from '../../../src/storage/lowdb-outbox-store.js';
import { deliveryClaimContract, deliveryEntryOf } from '../../contract/delivery-claim.contract.js';
import { closeStores, lowdbFactory } from '../../contract/store-factories.js';

afterEach(closeStores);

describe('lowdb outbox', () => {
  deliveryClaimContract(lowdbFactory((dataDir) => LowdbOutboxStore.open(dataDir)));

  it('forgets leases when it opens: lowdb serves one process, so a lease it finds was taken by a process that is gone', async () => {
    const stores = lowdbFactory((dataDir) => LowdbOutboxStore.open(dataDir))();
    const store = await stores.open();
    await store.claim(deliveryEntryOf('inc', 'a', { state: 'sending', leaseUntil: Date.now() + 60_000, leaseOwner: 'gone' }), undefined);
    expect((await store.get('inc|a'))?.leaseUntil).toBeDefined();
    const again = await stores.reopen();
    expect(await again.get('inc|a')).toMatchObject({ state: 'sending', revision: 1 });
    expect((await again.get('inc|a'))?.leaseUntil).toBeUndefined();
  });

  it('keeps a copy: changing the object after a put or a claim changes nothing stored', async () => {
    const store = await lowdbFactory((dataDir) => LowdbOutboxStore.open(dataDir))().open();
    const entry = deliveryEntryOf('inc', 'a');
    await store.put(entry);
    entry.state = 'dropped';
    const claimed = await store.claim(deliveryEntryOf('inc', 'a', { state: 'sending' }), 1);
    if (claimed) claimed.state = 'dropped';
    expect(await store.get('inc|a')).toMatchObject({ state: 'sending', revision: 2 });
  });
});
