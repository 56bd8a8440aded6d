import { incidentInputSchema } from '../../../src/features/incidents/incident-input.js';
import { DRAFT_UNREADABLE, signedDraft } from '../../../src/features/incidents/signed-draft.js';

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
