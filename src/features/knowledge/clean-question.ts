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

/**
 * A question as the stores keep it (masked, cut) with its key; undefined when nothing is left to
 * key it by. Every store implementation gets questions through this, so none repeats the rule.
 */
export function storedQuestion(question: string): { key: string; question: string } | undefined {
  const masked = maskedQuestion(question);
  const key = questionKey(masked);
  return key === '' ? undefined : { key, question: masked };
}
