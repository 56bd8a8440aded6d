import { parseNoticeForm } from '../../../src/features/incidents/notice-form.js';
import { startIncidents } from './incidents-kit.js';

const form = { systems: 'SKAIS', severity: 'major', status: 'investigating', title: 'SKAIS on aeglane', description: 'Avaldused salvestuvad aeglaselt.' };

describe('the incident form reads its expected end in Tallinn time', () => {
  it('is right before 03:00 on both daylight-saving change days', () => {
    expect(parseNoticeForm({ ...form, expectedEndDate: '2026-03-29', expectedEndTime: '02:30' }, 'et').expectedEnd).toBe('2026-03-29T00:30:00.000Z');
    expect(parseNoticeForm({ ...form, expectedEndDate: '2026-10-25', expectedEndTime: '02:30' }, 'et').expectedEnd).toBe('2026-10-24T23:30:00.000Z');
  });

  it('names the field when the time cannot be read, instead of dropping the end', () => {
    expect(() => parseNoticeForm({ ...form, expectedEndDate: '2026-03-29', expectedEndTime: '25:99' }, 'et')).toThrow(expect.objectContaining({ code: 'INCIDENT_FORM_INVALID' }));
  });
});

describe('incident ids carry the Tallinn day', () => {
  it('names an incident opened at 00:30 on New Year\'s Day in Tallinn after that day, not the UTC one', async () => {
    const kit = await startIncidents();
    try {
      kit.clock.set('2026-12-31T22:30:00.000Z');
      const { answer } = await kit.feature.service.intake({ systems: ['STAR'], severity: 'major', status: 'investigating', title: 'STAR', description: 'Uurime.' }, { by: { source: 'webhook' } });
      expect(answer.id).toMatch(/^RIKE-20270101-/);
    } finally {
      await kit.close();
    }
  });
});
