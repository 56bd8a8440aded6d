import type { Lang } from '../../shared/i18n.js';
import { tallinnDate, tallinnDay } from '../../shared/tallinn-time.js';

/** Access dates are Estonian calendar days (`YYYY-MM-DD`), whatever the server's time zone. */
export function dayOf(at: Date): string {
  return tallinnDay(at);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) && addDays(value, 0) === value;
}

/** `31.12.2026` in both languages: one unambiguous format for people (never `2026-12-31` or `12/31/2026`). */
export function showDay(day: string | undefined, _lang: Lang): string {
  return day ? tallinnDate(day) : '';
}

/** Reads `2026-12-31` or `31.12.2026`; undefined when it is neither. */
export function readDay(value: string): string | undefined {
  const trimmed = value.trim();
  const estonian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  const day = estonian ? `${estonian[3]}-${estonian[2].padStart(2, '0')}-${estonian[1].padStart(2, '0')}` : trimmed;
  return isDay(day) ? day : undefined;
}
