import type { Lang } from '../../src/shared/i18n.js';
import { asCards, inputLabel, str, type CardJson } from './render-card.js';
import { t } from './texts.js';

/** What to show before reading one input's value. */
export interface FieldPrompt {
  /** Lines printed before the prompt (the numbered choices of a ChoiceSet). */
  lines: string[];
  /** The readline prompt itself. */
  prompt: string;
}

/**
 * A value as Teams submits it: always a string, or `undefined` for an empty input, which Teams
 * leaves out of the submitted data.
 */
export type FieldAnswer = { ok: true; value: string | undefined } | { ok: false; error: string };

const YES = new Set(['jah', 'j', 'yes', 'y', '1', 'true', 'x']);
const NO = new Set(['ei', 'e', 'no', 'n', '0', 'false']);

function choicesOf(input: CardJson): Array<{ title: string; value: string }> {
  return asCards(input.choices).map((choice) => ({ title: str(choice.title) || str(choice.value), value: str(choice.value) }));
}

function toggleValues(input: CardJson): { on: string; off: string } {
  return { on: str(input.valueOn) || 'true', off: str(input.valueOff) || 'false' };
}

/** The default as a person reads it (a choice's title rather than its value). */
function shownDefault(input: CardJson, lang: Lang): string | undefined {
  const value = str(input.value);
  if (input.type === 'Input.Toggle') return value === toggleValues(input).on ? t(lang, 'yesNo').split('/')[0] : t(lang, 'yesNo').split('/')[1];
  if (value === '') return undefined;
  if (input.type === 'Input.ChoiceSet') {
    const titles = value.split(',').map((item) => choicesOf(input).find((choice) => choice.value === item)?.title ?? item);
    return titles.join(', ');
  }
  return value;
}

function formatHint(input: CardJson, lang: Lang): string | undefined {
  switch (input.type) {
    case 'Input.ChoiceSet': return t(lang, input.isMultiSelect === true ? 'chooseNumbers' : 'chooseNumber');
    case 'Input.Date': return t(lang, 'dateFormat');
    case 'Input.Time': return 'HH:MM';
    case 'Input.Toggle': return t(lang, 'yesNo');
    case 'Input.Number':
      return input.min !== undefined || input.max !== undefined ? `${str(input.min)}–${str(input.max)}` : undefined;
    default: return undefined;
  }
}

/** The prompt for one input: label, placeholder, format, and whether Enter may leave it empty. */
export function promptForInput(input: CardJson, lang: Lang): FieldPrompt {
  const label = inputLabel(input);
  const hints: string[] = [];
  const placeholder = str(input.placeholder);
  if (placeholder && placeholder !== label) hints.push(placeholder);
  const format = formatHint(input, lang);
  if (format) hints.push(format);
  const fallback = shownDefault(input, lang);
  if (fallback !== undefined) hints.push(t(lang, 'keepDefault', { value: fallback }));
  else if (input.isRequired === true) hints.push(t(lang, 'required'));
  else hints.push(t(lang, 'leaveEmpty'));
  const lines = input.type === 'Input.ChoiceSet' ? choicesOf(input).map((choice, index) => `  ${index + 1}) ${choice.title}`) : [];
  const shownLabel = input.type === 'Input.Toggle' ? str(input.title) || label : label;
  return { lines, prompt: `${shownLabel} (${hints.join('; ')}): ` };
}

function fail(input: CardJson, lang: Lang, key: Parameters<typeof t>[1], vars: Record<string, string | number> = {}): FieldAnswer {
  return { ok: false, error: str(input.errorMessage) || t(lang, key, vars) };
}

function parseChoice(input: CardJson, raw: string, lang: Lang): FieldAnswer {
  const choices = choicesOf(input);
  const parts = input.isMultiSelect === true ? raw.split(/[,;\s]+/).filter(Boolean) : [raw];
  const values: string[] = [];
  for (const part of parts) {
    const index = /^\d+$/.test(part) ? Number(part) - 1 : -1;
    const match = choices[index] ?? choices.find((choice) => choice.value.toLowerCase() === part.toLowerCase() || choice.title.toLowerCase() === part.toLowerCase());
    if (!match) return fail(input, lang, 'errChoice', { max: choices.length });
    values.push(match.value);
  }
  return { ok: true, value: values.join(',') };
}

function parseDate(input: CardJson, raw: string, lang: Lang): FieldAnswer {
  const estonian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
  const iso = estonian ? `${estonian[3]}-${estonian[2].padStart(2, '0')}-${estonian[1].padStart(2, '0')}` : raw;
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) return fail(input, lang, 'errDate');
  if ((str(input.min) && iso < str(input.min)) || (str(input.max) && iso > str(input.max))) {
    return fail(input, lang, 'errRange', { min: str(input.min), max: str(input.max) });
  }
  return { ok: true, value: iso };
}

function parseNumber(input: CardJson, raw: string, lang: Lang): FieldAnswer {
  const value = Number(raw.replace(',', '.'));
  if (raw === '' || Number.isNaN(value)) return fail(input, lang, 'errNumber');
  const min = typeof input.min === 'number' ? input.min : -Infinity;
  const max = typeof input.max === 'number' ? input.max : Infinity;
  if (value < min || value > max) return fail(input, lang, 'errRange', { min: str(input.min), max: str(input.max) });
  return { ok: true, value: String(value) };
}

function parseToggle(input: CardJson, raw: string, lang: Lang): FieldAnswer {
  const { on, off } = toggleValues(input);
  const folded = raw.toLowerCase();
  const value = raw === '' ? (str(input.value) === on ? on : off) : YES.has(folded) ? on : NO.has(folded) ? off : undefined;
  if (value === undefined) return fail(input, lang, 'errYesNo');
  if (input.isRequired === true && value !== on) return fail(input, lang, 'errRequired');
  return { ok: true, value };
}

function parseText(input: CardJson, raw: string, lang: Lang): FieldAnswer {
  if (typeof input.maxLength === 'number' && raw.length > input.maxLength) return fail(input, lang, 'errTooLong', { max: input.maxLength });
  if (str(input.regex) && !new RegExp(str(input.regex)).test(raw)) return fail(input, lang, 'errPattern');
  return { ok: true, value: raw };
}

/** Checks a typed answer as Teams would before it lets a card be submitted. */
export function parseInputAnswer(input: CardJson, typed: string, lang: Lang): FieldAnswer {
  const raw = typed.trim();
  if (input.type === 'Input.Toggle') return parseToggle(input, raw, lang);
  if (raw === '') {
    const fallback = str(input.value);
    if (fallback !== '') return { ok: true, value: fallback };
    return input.isRequired === true ? fail(input, lang, 'errRequired') : { ok: true, value: undefined };
  }
  switch (input.type) {
    case 'Input.ChoiceSet': return parseChoice(input, raw, lang);
    case 'Input.Date': return parseDate(input, raw, lang);
    case 'Input.Number': return parseNumber(input, raw, lang);
    case 'Input.Time': return /^([01]\d|2[0-3]):[0-5]\d$/.test(raw) ? { ok: true, value: raw } : fail(input, lang, 'errPattern');
    default: return parseText(input, raw, lang);
  }
}
