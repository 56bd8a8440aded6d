import { incidentInputSchema } from '../../../src/features/incidents/incident-input.js';
import { DRAFT_UNREADABLE, signedDraft } from '../../../src/features/incidents/signed-draft.js';
import { draftOf } from '../../../src/features/incidents/maintenance-form.js';

const good = { systems: ['STAR'], severity: 'major', status: 'investigating', title: 'STAR on aeglane', description: 'Uurime.' };

describe('a confirm button\'s draft', () => {
  it('is read when it is the JSON the bot wrote', () => {
    expect(signedDraft(JSON.stringify(good), incidentInputSchema)).toMatchObject({ systems: ['STAR'], title: 'STAR on aeglane' });
  });

  it.each([
    ['missing', undefined],
    ['not text', 42],
    ['not JSON', '{"systems":'],
    ['JSON of the wrong shape', JSON.stringify({ systems: 'STAR' })],
    ['JSON null', 'null'],
  ])('refuses a draft that is %s with a readable error, not a crash', (_label, raw) => {
    expect(() => signedDraft(raw, incidentInputSchema)).toThrow(DRAFT_UNREADABLE);
  });
});

describe('a maintenance confirm button\'s draft', () => {
  it('is read with an unknown lead falling back to 24 h', () => {
    const raw = JSON.stringify({ systems: ['SKAIS'], startsAt: '2026-12-10T20:00:00.000Z', endsAt: '2026-12-10T23:00:00.000Z', lead: 'soon' });
    expect(draftOf(raw)).toEqual({ systems: ['SKAIS'], startsAt: '2026-12-10T20:00:00.000Z', endsAt: '2026-12-10T23:00:00.000Z', lead: '24h' });
  });

  it.each([undefined, '{', JSON.stringify({ startsAt: 'x', endsAt: 'y' })])('refuses %p with a readable error', (raw) => {
    expect(() => draftOf(raw)).toThrow(DRAFT_UNREADABLE);
  });
});
