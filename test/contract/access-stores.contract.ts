import type { AccessStores } from '../../src/features/access/stores.js';
import { decided, grant, jaan, mari, request, siim, substitution, task } from './access-records.js';
import type { OpenRig, StoreRig } from './store-rig.js';

const now = new Date('2026-12-07T08:00:00Z');
const plus = (ms: number) => new Date(now.getTime() + ms);

/** What every implementation of the access feature's stores promises; run against each. */
export function accessStoresContract(name: string, open: OpenRig<AccessStores>): void {
  describe(`AccessStores contract: ${name}`, () => {
    let rig: StoreRig<AccessStores>;
    afterEach(async () => { await rig?.close(); });
    /** The second replica where the store has one, else the same instance. */
    const other = async () => (rig.second ? rig.second() : rig.store);

    it('numbers new requests and substitutions per series and year from 1, without gaps or repeats, also across instances at once', async () => {
      rig = await open();
      const { requests, substitutions } = rig.store;
      const lig = (year: number) => (number: number) => request(`LIG-${year}-${number}`);
      expect((await requests.add(2026, lig(2026))).id).toBe('LIG-2026-1');
      expect((await requests.add(2026, (number) => request(`LIG-2026-${number}`, { kind: 'suspend', state: 'approved' }))).id).toBe('LIG-2026-2');
      expect((await substitutions.add(2026, (number) => substitution(`ASE-2026-${number}`))).id).toBe('ASE-2026-1');
      expect((await requests.add(2027, lig(2027))).id).toBe('LIG-2027-1');
      expect((await requests.pending()).map((item) => item.id).sort()).toEqual(['LIG-2026-1', 'LIG-2027-1']);
      expect(await requests.get('LIG-2026-2')).toMatchObject({ state: 'approved' });
      expect(await requests.finish(decided(request('LIG-2026-2')))).toBe(false);
      expect((await substitutions.current()).map((item) => item.id)).toEqual(['ASE-2026-1']);

      const second = (await other()).requests;
      const made = await Promise.all(Array.from({ length: 30 }, (_, n) => (n % 2 ? second : requests).add(2026, lig(2026))));
      expect(made.map((item) => Number(item.id.split('-')[2])).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n + 3));
      expect((await requests.pending()).length).toBe(32);
      expect((await (await rig.reopen()).requests.add(2026, lig(2026))).id).toBe('LIG-2026-33');
    });

    it('refuses a new record whose id is already stored, using no number', async () => {
      rig = await open();
      const { requests } = rig.store;
      await requests.add(2026, () => request('LIG-2026-00001'));
      await expect(requests.add(2026, () => request('LIG-2026-00001', { justification: 'teine' }))).rejects.toThrow();
      expect((await requests.get('LIG-2026-00001'))?.justification).toBe('töö');
      expect((await requests.add(2026, (number) => request(`LIG-2026-${number}`))).id).toBe('LIG-2026-2');
    });

    it('keeps pending requests live and a decided one archived, decided once', async () => {
      rig = await open();
      const { requests } = rig.store;
      const first = request('LIG-2026-00001');
      expect(await requests.save(first)).toBe(true);
      expect(await requests.save({ ...first, approvalCards: [{ approverId: jaan.id, address: { conversationId: 'c1', serviceUrl: 'https://smba.example/', tenantId: 't' } as never, messageId: 'm1' }] })).toBe(true);
      await requests.save(request('LIG-2026-00002'));
      expect((await requests.pending()).map((item) => item.id).sort()).toEqual(['LIG-2026-00001', 'LIG-2026-00002']);
      expect((await requests.get('LIG-2026-00001'))?.approvalCards).toHaveLength(1);

      const approved = decided(first);
      expect(await requests.finish(approved)).toBe(true);
      expect(await requests.finish(decided(first, siim, false))).toBe(false);
      expect(await requests.save({ ...first, justification: 'uuesti' })).toBe(false);
      const stored = await requests.get('LIG-2026-00001');
      expect(stored).toMatchObject({ state: 'approved', decision: { by: jaan }, justification: 'töö' });
      expect((await requests.pending()).map((item) => item.id)).toEqual(['LIG-2026-00002']);

      const reopened = (await rig.reopen()).requests;
      expect(await reopened.get('LIG-2026-00001')).toMatchObject({ state: 'approved' });
      expect((await reopened.pending()).map((item) => item.id)).toEqual(['LIG-2026-00002']);
      expect(await reopened.finish(decided(first, siim, false))).toBe(false);
      expect(await reopened.get('LIG-2026-00404')).toBeUndefined();
    });

    it('finishes a request never saved live (a recorded suspension) once', async () => {
      rig = await open();
      const recorded = request('LIG-2026-00003', { kind: 'suspend', state: 'approved', approverIds: [] });
      expect(await rig.store.requests.finish(recorded)).toBe(true);
      expect(await rig.store.requests.finish(recorded)).toBe(false);
      expect(await rig.store.requests.get(recorded.id)).toEqual(recorded);
    });

    it('of two decisions at the same moment, on two instances, exactly one is kept', async () => {
      rig = await open();
      const first = request('LIG-2026-00004');
      await rig.store.requests.save(first);
      const second = await other();
      const results = await Promise.all([rig.store.requests.finish(decided(first, jaan, true)), second.requests.finish(decided(first, siim, false))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results[0] ? jaan : siim;
      expect((await second.requests.get(first.id))?.decision?.by).toEqual(winner);
      expect((await rig.store.requests.get(first.id))?.decision?.by).toEqual(winner);
    });

    it('keeps open tasks live and closes each once, also on two instances at once', async () => {
      rig = await open();
      const { tasks } = rig.store;
      await tasks.save(task('LIG-2026-00001/1'));
      await tasks.save(task('LIG-2026-00001/2', { kind: 'revoke', due: '2027-01-01' }));
      expect(await tasks.save({ ...task('LIG-2026-00001/1'), remindedOn: '2026-12-01' })).toBe(true);
      expect((await tasks.open()).map((item) => item.id).sort()).toEqual(['LIG-2026-00001/1', 'LIG-2026-00001/2']);
      expect((await tasks.get('LIG-2026-00001/1'))?.remindedOn).toBe('2026-12-01');

      const second = (await other()).tasks;
      const live = (await tasks.get('LIG-2026-00001/1'))!;
      const results = await Promise.all([
        tasks.finish({ ...live, state: 'done', closedBy: siim, closedAt: now.toISOString() }),
        second.finish({ ...live, state: 'impossible', closedBy: jaan, closedAt: now.toISOString(), reason: 'ei saa' }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await tasks.save({ ...live, deskCalledOn: '2026-12-07' })).toBe(false);
      const closed = await tasks.get('LIG-2026-00001/1');
      expect(closed?.state).toBe(results[0] ? 'done' : 'impossible');
      expect(closed?.deskCalledOn).toBeUndefined();
      expect((await (await rig.reopen()).tasks.open()).map((item) => item.id)).toEqual(['LIG-2026-00001/2']);
    });

    it('lets one replica at a time claim posting a task\'s card, none once it is posted or closed', async () => {
      rig = await open();
      const { tasks } = rig.store;
      await tasks.save(task('LIG-2026-00001/1'));
      await tasks.save(task('LIG-2026-00001/2'));
      const second = (await other()).tasks;
      const claims = await Promise.all([tasks.claimPosting('LIG-2026-00001/1', 'a', now, 60_000), second.claimPosting('LIG-2026-00001/1', 'b', now, 60_000)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      const [holder, other_] = claims[0] ? ['a', 'b'] : ['b', 'a'];
      expect(claims.find(Boolean)).toMatchObject({ id: 'LIG-2026-00001/1', state: 'open', posting: { holder } });
      expect(await tasks.claimPosting('LIG-2026-00001/1', other_, plus(59_000), 60_000)).toBeUndefined();
      expect(await tasks.claimPosting('LIG-2026-00001/1', holder, plus(1000), 60_000)).toMatchObject({ posting: { holder } });
      expect(await tasks.claimPosting('LIG-2026-00001/1', other_, plus(62_000), 60_000)).toMatchObject({ posting: { holder: other_ } });
      const claimed = (await tasks.get('LIG-2026-00001/1'))!;
      const { posting: _claim, ...rest } = claimed;
      await tasks.save({ ...rest, card: { address: { conversationId: 'c' } as never, messageId: 'm', postedOn: '2026-12-07' } });
      expect(await tasks.claimPosting('LIG-2026-00001/1', holder, plus(200_000), 60_000)).toBeUndefined();
      expect((await tasks.get('LIG-2026-00001/1'))?.posting).toBeUndefined();
      await tasks.finish({ ...task('LIG-2026-00001/2'), state: 'cancelled' });
      expect(await tasks.claimPosting('LIG-2026-00001/2', holder, now, 60_000)).toBeUndefined();
      expect(await tasks.claimPosting('LIG-2026-00404/1', holder, now, 60_000)).toBeUndefined();
    });

    it('lists grants held now, by holder ignoring case, and archives an ended one', async () => {
      rig = await open();
      const { grants } = rig.store;
      await grants.save(grant('g1'));
      await grants.save(grant('g2', { role: 'STAR_MUUTJA' }));
      await grants.save(grant('g3', { subject: jaan }));
      await grants.save({ ...grant('g2', { role: 'STAR_MUUTJA' }), state: 'suspended' });
      expect((await grants.active()).map((item) => item.id).sort()).toEqual(['g1', 'g2', 'g3']);
      expect((await grants.ofSubject(mari.id.toUpperCase())).map((item) => [item.id, item.state]).sort()).toEqual([['g1', 'active'], ['g2', 'suspended']]);
      await grants.end({ ...grant('g1'), endedAt: now.toISOString(), endedBy: siim });
      const reopened = (await rig.reopen()).grants;
      expect((await reopened.ofSubject(mari.id)).map((item) => item.id)).toEqual(['g2']);
      expect((await reopened.active()).map((item) => item.id).sort()).toEqual(['g2', 'g3']);
      expect(await reopened.ofSubject('nobody')).toEqual([]);
    });

    it('decides a pending substitution once and archives it once', async () => {
      rig = await open();
      const { substitutions } = rig.store;
      const item = substitution('ASE-2026-00001');
      expect(await substitutions.save(item)).toBe(true);
      expect(await substitutions.save({ ...item, approvalCard: { address: { conversationId: 'c' } as never, messageId: 'm' } })).toBe(true);
      const second = (await other()).substitutions;
      const decision = (by: typeof jaan, approved: boolean) => ({ ...item, state: approved ? 'approved' as const : 'rejected' as const, decision: { by, at: now.toISOString(), approved, comment: '', acknowledged: false } });
      const results = await Promise.all([substitutions.decide(decision(jaan, true)), second.decide(decision(siim, false))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await substitutions.decide(decision(jaan, true))).toBe(false);
      expect((await substitutions.get(item.id))?.decision?.by).toEqual(results[0] ? jaan : siim);
      expect(await substitutions.decide(substitution('ASE-2026-00404', { state: 'approved' }))).toBe(false);
      expect((await substitutions.current()).map((entry) => entry.id)).toEqual([item.id]);
      const done = (await substitutions.get(item.id))!;
      expect(await substitutions.finish(done)).toBe(true);
      expect(await substitutions.finish(done)).toBe(false);
      expect(await substitutions.save(done)).toBe(false);
      const reopened = (await rig.reopen()).substitutions;
      expect(await reopened.current()).toEqual([]);
      expect(await reopened.get(item.id)).toMatchObject({ id: item.id, state: done.state });
    });

    it('appends audit entries with their own ids and reads the newest first', async () => {
      rig = await open();
      const { audit } = rig.store;
      for (let n = 1; n <= 5; n += 1) await audit.append({ at: plus(n * 1000).toISOString(), actor: siim, action: 'granted', ref: `LIG-2026-0000${n}/1`, subject: mari, system: 'STAR', roles: ['STAR_VAATAJA'] });
      const recent = await (await rig.reopen()).audit.recent(3);
      expect(recent.map((entry) => entry.ref)).toEqual(['LIG-2026-00005/1', 'LIG-2026-00004/1', 'LIG-2026-00003/1']);
      expect(new Set(recent.map((entry) => entry.id)).size).toBe(3);
      expect(recent[0]).toMatchObject({ actor: siim, action: 'granted', subject: mari, system: 'STAR', roles: ['STAR_VAATAJA'] });
    });

    it('remembers the scan days, changing only what is set', async () => {
      rig = await open();
      const { state } = rig.store;
      expect(await state.get()).toEqual({ lastScanOn: undefined, lastDigestOn: undefined });
      await state.set({ lastDigestOn: '2026-12-06' });
      await state.set({ lastScanOn: '2026-12-07' });
      expect(await (await rig.reopen()).state.get()).toEqual({ lastScanOn: '2026-12-07', lastDigestOn: '2026-12-06' });
    });

    it('gives the scan lease to one holder at a time, to another once it runs out or is released', async () => {
      rig = await open();
      const { state } = rig.store;
      const second = (await other()).state;
      const taken = await Promise.all([state.lease('scan', 'a', now, 60_000), second.lease('scan', 'b', now, 60_000)]);
      expect(taken.filter(Boolean)).toHaveLength(1);
      const [holder, waiter, waiterStore] = taken[0] ? ['a', 'b', second] as const : ['b', 'a', state] as const;
      expect(await waiterStore.lease('scan', waiter, plus(59_000), 60_000)).toBe(false);
      expect(await waiterStore.lease('other', waiter, now, 60_000)).toBe(true);
      await waiterStore.release('scan', waiter);
      expect(await waiterStore.lease('scan', waiter, plus(59_000), 60_000)).toBe(false);
      expect(await waiterStore.lease('scan', waiter, plus(61_000), 60_000)).toBe(true);
      expect(await state.lease('scan', holder, plus(62_000), 60_000)).toBe(false);
      await waiterStore.release('scan', waiter);
      expect(await state.lease('scan', holder, plus(62_000), 60_000)).toBe(true);
    });
  });
}
