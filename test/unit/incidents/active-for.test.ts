import type { Reply } from '../../../src/shared/messaging.js';
import { startIncidents, type Kit } from './incidents-kit.js';

const star = { ref: 'star-1', systems: ['STAR'], severity: 'major' as const, status: 'investigating' as const, title: 'STAR ei salvesta otsuseid', description: 'Uurime.', expectedEnd: '2026-11-26T12:00:00Z' };
const by = { source: 'teams' as const, name: 'Siim Spetsialist' };
const textOf = (reply: Reply | undefined): string => (reply?.kind === 'text' ? reply.text : '');

describe('activeFor: what other features show during an outage', () => {
  let kit: Kit;
  beforeEach(async () => { kit = await startIncidents(); });
  afterEach(() => kit.close());

  it('tells about an open STAR incident when asked about STAR, and nothing for SKAIS', async () => {
    await kit.feature.service.intake(star, { by });
    const notice = await kit.feature.notices.activeFor(['STAR'], 'et');
    expect(notice).toEqual({ kind: 'text', text: expect.stringContaining('Praegu on teada rike, mis võib sinu küsimust puudutada:') });
    expect(textOf(notice)).toMatch(/\*\*STAR\*\*: STAR ei salvesta otsuseid \(olek: uurime, eeldatav lõpp 26\.11\.2026 14:00\)/);
    expect(await kit.feature.notices.activeFor(['STAR/otsused'], 'en')).toMatchObject({ text: expect.stringMatching(/^There is a known incident.*\n\n- \*\*STAR\*\*: STAR ei salvesta otsuseid \(status: investigating/s) });
    expect(await kit.feature.notices.activeFor(['SKAIS'], 'et')).toBeUndefined();
    expect(await kit.feature.notices.activeFor([], 'et')).toBeDefined();
  });

  it('says nothing once the incident is resolved', async () => {
    await kit.feature.service.intake(star, { by });
    kit.clock.advance(60_000);
    await kit.feature.service.intake({ ...star, status: 'resolved', description: 'Parandatud.' }, { by });
    expect(await kit.feature.notices.activeFor(['STAR'], 'et')).toBeUndefined();
    expect(await kit.feature.notices.activeFor([], 'et')).toBeUndefined();
  });
});
