import { tallinnDate, tallinnInputs, tallinnTime, tallinnToIso } from '../../../src/shared/tallinn-time.js';

describe('Europe/Tallinn wall time to an instant', () => {
  it('uses winter time (UTC+2) and summer time (UTC+3) on ordinary days', () => {
    expect(tallinnToIso('2026-01-15', '10:00')).toBe('2026-01-15T08:00:00.000Z');
    expect(tallinnToIso('2026-07-15', '10:00')).toBe('2026-07-15T07:00:00.000Z');
  });

  it('is right before 03:00 on the spring-forward day (29.03.2026)', () => {
    expect(tallinnToIso('2026-03-29', '00:00')).toBe('2026-03-28T22:00:00.000Z');
    expect(tallinnToIso('2026-03-29', '02:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(tallinnToIso('2026-03-29', '02:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(tallinnToIso('2026-03-29', '04:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(tallinnToIso('2026-03-29', '23:59')).toBe('2026-03-29T20:59:00.000Z');
  });

  it('reads the hour that does not exist (03:00-03:59 in spring) as one hour later', () => {
    expect(tallinnToIso('2026-03-29', '03:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(tallinnTime(new Date(tallinnToIso('2026-03-29', '03:30')!))).toBe('29.03.2026 04:30');
  });

  it('is right before 03:00 on the fall-back day (25.10.2026) and takes the first of the doubled hour', () => {
    expect(tallinnToIso('2026-10-25', '00:00')).toBe('2026-10-24T21:00:00.000Z');
    expect(tallinnToIso('2026-10-25', '02:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(tallinnToIso('2026-10-25', '03:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(tallinnToIso('2026-10-25', '04:00')).toBe('2026-10-25T02:00:00.000Z');
    expect(tallinnToIso('2026-10-25', '23:59')).toBe('2026-10-25T21:59:00.000Z');
  });

  it('goes back and forth through every quarter hour of both change days', () => {
    for (const start of ['2026-03-28T12:00:00Z', '2026-10-24T12:00:00Z']) {
      for (let step = 0; step < 4 * 36; step += 1) {
        const at = new Date(Date.parse(start) + step * 15 * 60_000);
        const { date, time } = tallinnInputs(at.toISOString());
        const back = tallinnToIso(date!, time!)!;
        // The doubled hour in autumn has two instants for one wall time; the first is chosen.
        const doubled = Date.parse(back) === at.getTime() - 3_600_000;
        expect(doubled || back === at.toISOString()).toBe(true);
      }
    }
  });

  it('refuses dates and times that are not real', () => {
    expect(tallinnToIso('2026-02-30', '10:00')).toBeUndefined();
    expect(tallinnToIso('2026-13-01', '10:00')).toBeUndefined();
    expect(tallinnToIso('2026-03-01', '24:00')).toBeUndefined();
    expect(tallinnToIso('01.03.2026', '10:00')).toBeUndefined();
    expect(tallinnToIso('2026-03-01', 'noon')).toBeUndefined();
    expect(tallinnToIso('2026-03-01', '10:15:00')).toBe('2026-03-01T08:15:00.000Z');
  });
});

describe('Tallinn time shown to people', () => {
  it('writes day.month.year and the Tallinn clock, never UTC or a US date', () => {
    expect(tallinnTime(new Date('2026-12-07T15:52:00Z'))).toBe('07.12.2026 17:52');
    expect(tallinnTime(new Date('2026-12-31T22:30:00Z'))).toBe('01.01.2027 00:30');
    expect(tallinnDate('2026-12-08')).toBe('08.12.2026');
    expect(tallinnDate(new Date('2026-06-30T21:30:00Z'))).toBe('01.07.2026');
  });
});
