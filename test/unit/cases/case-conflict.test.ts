import type { Case, CaseStore } from '../../../src/features/cases/index.js';
import { CaseNotifier } from '../../../src/features/cases/case-notifier.js';
import { CaseService } from '../../../src/features/cases/case-service.js';
import { CardSigner } from '../../../src/shared/card-signer.js';
import { ManualClock } from '../../../src/shared/clock.js';
import type { ConversationStore } from '../../../src/shared/conversations.js';
import { DomainError } from '../../../src/shared/errors.js';
import { KeyedLock } from '../../../src/shared/keyed-lock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { Messenger } from '../../../src/shared/messaging.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { LowdbCaseStore } from '../../../src/storage/lowdb-case-store.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

/**
 * A store shared with "another replica": `before(id)` runs once, just before this process's next
 * save of that case, and may save through the inner store first, as a second process would.
 */
class RacedStore {
  private pending = new Map<string, (inner: CaseStore) => Promise<void>>();
  constructor(readonly inner: CaseStore) {}
  before(id: string, write: (inner: CaseStore) => Promise<void>): void { this.pending.set(id, write); }
  store(): CaseStore {
    const inner = this.inner;
    return {
      create: (year, build) => inner.create(year, build),
      get: (id) => inner.get(id),
      save: async (item) => {
        const write = this.pending.get(item.id);
        this.pending.delete(item.id);
        if (write) await write(inner);
        return inner.save(item);
      },
      listOpen: () => inner.listOpen(),
      findOpenByRequester: (id) => inner.findOpenByRequester(id),
      findByThread: (id) => inner.findByThread(id),
      rewriteClosed: (edit) => inner.rewriteClosed(edit),
      lastDigestDay: () => inner.lastDigestDay(),
      claimDigestDay: (day) => inner.claimDigestDay(day),
      setLastDigestDay: (day) => inner.setLastDigestDay(day),
    };
  }
}

const nowhere: ConversationStore = { save: async () => undefined, personalFor: async () => undefined, channel: async () => undefined, allPersonal: async () => [], remove: async () => undefined };
const unused = async (): Promise<never> => { throw new Error('not used'); };
const messenger: Messenger = { send: unused, update: unused, delete: unused, openPersonalChat: unused, postToChannel: unused, offerFile: unused };
const KATI = { aadObjectId: 'kati', name: 'Kati Kasutaja', teamsId: '29:kati' };
const SIIM = { aadObjectId: 'siim', name: 'Siim Spetsialist', role: 'specialist' as const };
const MARI = { aadObjectId: 'mari', name: 'Mari Maasikas', role: 'specialist' as const };

describe('CaseService when another replica saves the same case first', () => {
  const temp = useTempDataDir('tugibot-conflict-');
  let dataDir: DataDir;
  let raced: RacedStore;
  let service: CaseService;

  beforeEach(async () => {
    dataDir = await temp.open();
    raced = new RacedStore(await LowdbCaseStore.open(dataDir));
    const clock = new ManualClock('2026-12-07T08:00:00.000Z');
    const notifier = new CaseNotifier({ messenger, conversations: nowhere, signer: new CardSigner('conflict-test-secret-000'), logger: silentLogger(), channelId: '', channelLang: 'et', defaultLang: 'et' });
    service = new CaseService({
      store: raced.store(), notifier, clock, logger: silentLogger(), directory: { find: async () => undefined, reportsOf: async () => [] },
      isSpecialist: (id) => id === 'siim' || id === 'mari', rules: { reopenDays: 14, dueHours: { critical: 4, high: 8, normal: 24, low: 72 } }, locks: new KeyedLock(),
    });
  });

  const openOne = async (): Promise<Case> => (await service.open(KATI, 'et-EE', { system: 'SKAIS', kind: 'broken', urgency: 'normal', description: 'Ei salvesta.' })).item;

  it('a take that loses refuses with who took it, and changes nothing of the winner\'s', async () => {
    const item = await openOne();
    raced.before(item.id, async (inner) => {
      const current = (await inner.get(item.id)) as Case;
      await inner.save({ ...current, status: 'in_progress', assignee: MARI, version: current.version + 1, history: [...current.history, { event: 'take', from: 'new', to: 'in_progress', by: MARI, at: '2026-12-07T08:00:01.000Z' }] });
    });
    const refused = await service.change(item.id, { type: 'take' }, SIIM, item.version).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('CASE_ALREADY_DECIDED');
    expect((refused as DomainError).vars.name).toBe('Mari Maasikas');
    expect((await raced.inner.get(item.id))?.assignee).toEqual(MARI);
  });

  it('a take that lost only to a change of another kind (the card\'s place) is tried again and wins', async () => {
    const item = await openOne();
    raced.before(item.id, async (inner) => { await inner.save({ ...((await inner.get(item.id)) as Case), cardPending: true }); });
    const { after } = await service.change(item.id, { type: 'take' }, SIIM, item.version);
    expect(after.assignee?.aadObjectId).toBe('siim');
    const stored = await raced.inner.get(item.id);
    expect(stored?.assignee?.aadObjectId).toBe('siim');
    expect(stored?.status).toBe('in_progress');
  });

  it('a relayed message that loses is added again to the winner\'s case: neither message is lost', async () => {
    const item = await openOne();
    raced.before(item.id, async (inner) => {
      const current = (await inner.get(item.id)) as Case;
      await inner.save({ ...current, messages: [...current.messages, { from: 'specialist', by: MARI, text: 'Kas proovisite uuesti?', at: '2026-12-07T08:00:01.000Z' }] });
    });
    const saved = await service.addMessage(item.id, { from: 'requester', by: KATI, text: 'Jah, ikka ei salvesta.' });
    expect(saved.messages.map((message) => message.text)).toEqual(['Kas proovisite uuesti?', 'Jah, ikka ei salvesta.']);
    expect((await raced.inner.get(item.id))?.messages).toHaveLength(2);
  });
});
