import { CardSigner } from '../../../src/shared/card-signer.js';
import { openIncident } from '../../../src/features/incidents/incident.js';
import { previewCard } from '../../../src/features/incidents/preview-card.js';
import { reachFiguresOf, reachLines } from '../../../src/features/incidents/reach-figures.js';

const signer = new CardSigner('reach-words-secret-reach-words');
const incident = openIncident(
  { systems: ['SKAIS'], severity: 'major', status: 'investigating', title: 'SKAIS on aeglane', description: 'Uurime.', audience: { departments: ['Pensionide osakond'] } },
  { id: 'RIKE-20261207-0001', now: new Date('2026-12-07T08:00:00Z'), by: { source: 'teams' } },
);
const textOf = (value: unknown) => JSON.stringify(value);

describe('what the preview and the report say about people out of reach', () => {
  it('says installs are off, in both languages', () => {
    const confirm = signer.sign('incidents.confirm', { draftId: 'd' });
    const reach = { channels: 1, people: 3, total: 4, selected: 10, unreached: 7, install: 'off' as const };
    expect(textOf(previewCard(incident, reach, confirm, signer, 'et'))).toMatch(/Sihtrühm: osakond: Pensionide osakond\. Kokku 10 inimest\..*Neist 7 inimest ei saa teadet kätte: nad pole robotiga vestelnud ja roboti paigaldamine neile on välja lülitatud/);
    expect(textOf(previewCard(incident, reach, confirm, signer, 'en'))).toMatch(/Audience: department: Pensionide osakond\. 10 people in all\..*7 of them will not get the notice: they have never talked to the bot, and installing it for them is turned off/);
  });

  it('counts people out of reach: not asked for (installs off), refused and failed', () => {
    expect(reachFiguresOf({ selected: 10, unreached: 7 }, { installed: 0, already: 0, pending: 0, failed: 0, forbidden: 0 }, 'off')).toMatchObject({ cannot: 7 });
    const mixed = reachFiguresOf({ selected: 10, unreached: 7 }, { installed: 3, already: 1, pending: 1, failed: 1, forbidden: 1 }, 'forbidden');
    expect(mixed).toMatchObject({ installed: 3, already: 1, pending: 1, failed: 1, cannot: 2 });
    expect(textOf(reachLines(mixed, 'en'))).toMatch(/Bot installed","value":"3".*Cannot be reached \(no bot, and it cannot be installed\)","value":"2"/);
    expect(reachFiguresOf({ selected: 10, unreached: 0 }, { installed: 0, already: 0, pending: 0, failed: 0, forbidden: 0 }, 'on')).toBeUndefined();
  });
});
