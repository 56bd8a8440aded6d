/** The calendar and clock in Estonia (Europe/Tallinn), whatever the server's own time zone. */
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

/** The Estonian calendar day, `YYYY-MM-DD`. */
export function tallinnDay(at: Date): string {
  const { year, month, day } = tallinnParts(at);
  return `${year}-${month}-${day}`;
}

/** A time as people in Estonia read it: `26.11.2026 10:00`. */
export function tallinnTime(at: Date): string {
  const { year, month, day, hour, minute } = tallinnParts(at);
  return `${day}.${month}.${year} ${hour}:${minute}`;
}
