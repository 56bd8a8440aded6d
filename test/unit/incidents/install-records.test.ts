import { InstallRecords } from '../../../src/features/incidents/install-records.js';
import type { AppInstall, InstallStore } from '../../../src/features/incidents/install-store.js';
import { LowdbInstallStore } from '../../../src/storage/lowdb-install-store.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const VIA = { serviceUrl: 'https://smba.trafficmanager.net/emea/', tenantId: 'tenant', botId: '28:bot' };
const PERSON = 'a1a1a1a1-0000-4000-8000-000000000001';

describe('InstallRecords.queue', () => {
  const temp = useTempDataDir('tugibot-install-records-');

  it('keeps an outcome another replica saves between its read and its write, and adds its notice to it', async () => {
    const lowdb = await LowdbInstallStore.open(await temp.open());
    const now = Date.now();
    const claimed: AppInstall = { id: PERSON, state: 'pending', incidents: ['RIKE-1'], attempts: 0, via: VIA, leaseUntil: now + 60_000, updatedAt: new Date(now).toISOString() };
    await lowdb.put(claimed);
    let raced = false;
    // The first read of the person by `queue`: right after it, the replica that claimed them saves "installed".
    const store: InstallStore = {
      get: async (id) => {
        const read = await lowdb.get(id);
        if (!raced) {
          raced = true;
          await lowdb.put({ ...claimed, state: 'installed', outcome: 'installed', chatId: 'a:chat', leaseUntil: undefined, updatedAt: new Date(now + 5).toISOString() });
        }
        return read;
      },
      put: (install) => lowdb.put(install),
      claim: (install, expected) => lowdb.claim(install, expected),
      all: () => lowdb.all(),
    };
    await new InstallRecords(store, () => now + 10).queue('RIKE-2', [PERSON], VIA, false);
    expect(raced).toBe(true);
    expect(await lowdb.get(PERSON)).toMatchObject({ state: 'installed', chatId: 'a:chat', incidents: ['RIKE-1', 'RIKE-2'] });
  });

  it('makes a new pending record for a person it has not seen', async () => {
    const lowdb = await LowdbInstallStore.open(await temp.open());
    await new InstallRecords(lowdb, () => Date.parse('2026-12-08T06:00:00Z')).queue('RIKE-3', [PERSON], VIA, false);
    expect(await lowdb.get(PERSON)).toMatchObject({ id: PERSON, state: 'pending', incidents: ['RIKE-3'], attempts: 0, via: VIA, updatedAt: '2026-12-08T06:00:00.000Z' });
  });
});
