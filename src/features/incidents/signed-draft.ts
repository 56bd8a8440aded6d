import type { z } from 'zod';
import { DomainError } from '../../shared/errors.js';

/**
 * A button's draft could not be read. Its data is signed by the bot, so only a holder of the
 * signing secret (or a bug) sends such a card; the person is told to start over, not given an apology.
 */
export const DRAFT_UNREADABLE = new DomainError('INCIDENT_DRAFT_UNREADABLE', {
  et: 'Selle kaardi andmeid ei saa lugeda. Alusta uuesti käsuga (nt „uus teade“ või „uus hooldus“).',
  en: 'This card\'s data cannot be read. Please start again with the command (e.g. "new notice" or "new maintenance").',
});

/** The draft a confirm button carries, as JSON text, checked against `schema`. */
export function signedDraft<T>(raw: unknown, schema: z.ZodType<T>): T {
  if (typeof raw !== 'string') throw DRAFT_UNREADABLE;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw DRAFT_UNREADABLE;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw DRAFT_UNREADABLE;
  return parsed.data;
}
