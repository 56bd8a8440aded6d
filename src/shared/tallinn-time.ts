/**
 * The calendar and clock in Estonia (Europe/Tallinn), whatever the server's own time zone: the one
 * converter of the bot, both ways. Intl carries the time-zone rules (from the ICU data in Node), so
 * daylight saving changes need no table of our own.
 */
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Tallinn', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

export interface TallinnParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

export function tallinnParts(at: Date): TallinnParts {
  const parts = Object.fromEntries(PARTS.formatToParts(at).map((part) => [part.type, part.value]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

/** The Estonian calendar day, `YYYY-MM-DD` (for storage and comparison, not for people). */
export function tallinnDay(at: Date): string {
  const { year, month, day } = tallinnParts(at);
  return `${year}-${month}-${day}`;
}

/** A time as people read it, in Estonian and English texts alike: `26.11.2026 10:00`. */
export function tallinnTime(at: Date): string {
  const { year, month, day, hour, minute } = tallinnParts(at);
  return `${day}.${month}.${year} ${hour}:${minute}`;
}

/** A calendar day as people read it: `26.11.2026` (from a Date, or from a `YYYY-MM-DD` day). */
export function tallinnDate(at: Date | string): string {
  const day = typeof at === 'string' ? at : tallinnDay(at);
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}

/** `tallinnTime` of an ISO instant; undefined stays undefined. */
export function showTime(iso: string | undefined): string | undefined {
  return iso ? tallinnTime(new Date(iso)) : undefined;
}

/** How far Tallinn's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number): number {
  const { year, month, day, hour, minute } = tallinnParts(new Date(instant));
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
  return wall - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant at which Tallinn's clock shows `day` (`YYYY-MM-DD`) and `time` (`HH:MM`), or
 * undefined when either is malformed. The offset is the one in force at that wall time, not at the
 * same digits in UTC: on the spring-forward day 02:30 is 00:30Z, on the fall-back day 02:30 is
 * 23:30Z the day before. A time that occurs twice (03:00-03:59 when clocks go back) is the first
 * one; a time that does not exist (03:00-03:59 when clocks go forward) is read with the offset
 * before the change, i.e. one hour later on the new clock.
 */
export function tallinnToDate(day: string, time = '00:00'): Date | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const clock = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time.trim());
  if (!date || !clock) return undefined;
  const [year, month, dayOfMonth, hour, minute] = [date[1], date[2], date[3], clock[1], clock[2]].map(Number);
  if (hour > 23 || minute > 59) return undefined;
  const wall = Date.UTC(year, month - 1, dayOfMonth, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== dayOfMonth) return undefined;
  // The offsets in force half a day either side cover any change near this wall time.
  const candidates = [...new Set([offsetAt(wall - 43_200_000), offsetAt(wall + 43_200_000)])].sort((a, b) => b - a);
  const matching = candidates.find((offset) => offsetAt(wall - offset) === offset);
  return new Date(wall - (matching ?? Math.min(...candidates)));
}

/** `tallinnToDate` as an ISO string. */
export function tallinnToIso(day: string, time = '00:00'): string | undefined {
  return tallinnToDate(day, time)?.toISOString();
}

/** The inputs of a date and a time field (Adaptive Card `Input.Date`, `Input.Time`) for an instant. */
export function tallinnInputs(iso: string | undefined): { date?: string; time?: string } {
  if (!iso) return {};
  const at = new Date(iso);
  const { hour, minute } = tallinnParts(at);
  return { date: tallinnDay(at), time: `${hour}:${minute}` };
}
