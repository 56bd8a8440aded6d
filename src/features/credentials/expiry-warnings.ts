import type { Text } from '../../shared/i18n.js';

/** Days before the expiry at which the channel is warned, each once; 0 = it has expired. */
export const WARN_DAYS: readonly number[] = [30, 14, 7, 1, 0];

const DAY_MS = 86_400_000;

/** Whole days left, rounded up: 29.2 days left is "30 days", and the 30-day warning is due. */
export function daysLeft(expiresOn: Date, now: Date): number {
  return Math.ceil((expiresOn.getTime() - now.getTime()) / DAY_MS);
}

/**
 * The warning due now, if any: the nearest threshold reached and not yet warned. A bot started
 * 5 days before the expiry warns once (7 days), not three times; the thresholds passed are
 * returned as `covers`, to be marked warned with it.
 */
export function warningDue(expiresOn: Date, now: Date, warned: readonly number[]): { threshold: number; days: number; covers: number[] } | undefined {
  const days = daysLeft(expiresOn, now);
  const reached = WARN_DAYS.filter((threshold) => days <= threshold);
  if (reached.length === 0) return undefined;
  const threshold = Math.min(...reached);
  if (warned.includes(threshold)) return undefined;
  return { threshold, days: Math.max(days, 0), covers: reached };
}

export const T = {
  expiresIn: {
    et: '🔑 Boti kliendisaladus aegub **{days} päeva pärast** ({date}). Loo rakenduse registreeringus (Entra ID) uus saladus ja pane see boti seadetesse enne seda päeva, muidu bot lakkab vastamast.',
    en: '🔑 The bot\'s client secret expires **in {days} days** ({date}). Create a new secret in the app registration (Entra ID) and put it in the bot\'s settings before then, or the bot stops answering.',
  },
  expiresTomorrow: {
    et: '🔑 Boti kliendisaladus aegub **homme** ({date}). Loo rakenduse registreeringus (Entra ID) uus saladus ja pane see kohe boti seadetesse, muidu bot lakkab vastamast.',
    en: '🔑 The bot\'s client secret expires **tomorrow** ({date}). Create a new secret in the app registration (Entra ID) and put it in the bot\'s settings now, or the bot stops answering.',
  },
  expired: {
    et: '⛔ Boti kliendisaladus on aegunud ({date}). Loo rakenduse registreeringus (Entra ID) uus saladus ja pane see boti seadetesse.',
    en: '⛔ The bot\'s client secret has expired ({date}). Create a new secret in the app registration (Entra ID) and put it in the bot\'s settings.',
  },
} satisfies Record<string, Text>;
