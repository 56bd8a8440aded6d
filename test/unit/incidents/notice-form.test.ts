import { parseNoticeForm } from '../../../src/features/incidents/notice-form.js';

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
