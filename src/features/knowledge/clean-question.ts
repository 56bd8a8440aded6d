import { foldText } from '../../shared/i18n.js';
import { maskPersonalCodes } from '../../shared/personal-code.js';

const MAX_QUESTION = 300;

/** A question as it may be stored or put on a button: trimmed, at most 300 characters. */
export function trimQuestion(question: string): string {
  const trimmed = question.trim().replace(/\s+/g, ' ');
  return trimmed.length <= MAX_QUESTION ? trimmed : `${trimmed.slice(0, MAX_QUESTION - 1)}…`;
}

/** A question as it may be kept for reports: trimmed and with personal codes masked. */
export function maskedQuestion(question: string): string {
  return trimQuestion(maskPersonalCodes(question));
}

/** The same question typed with other case, diacritics, spacing or final punctuation. */
export function questionKey(question: string): string {
  return foldText(question).replace(/[\s?!.,;:]+$/g, '');
}
