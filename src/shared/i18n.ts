/** The two languages every user-facing text exists in. Estonian is the default. */
export type Lang = 'et' | 'en';

/** A text in both languages; the type makes a missing translation a compile error. */
export interface Text {
  et: string;
  en: string;
}

/** Maps a Bot Framework locale (`et-EE`, `en-US`, `en`) to one of our languages. */
export function langOf(locale: string | undefined, fallback: Lang = 'et'): Lang {
  if (!locale) return fallback;
  const primary = locale.toLowerCase().split(/[-_]/)[0];
  if (primary === 'en') return 'en';
  if (primary === 'et') return 'et';
  return fallback;
}

/** A value for a `{placeholder}`: the same in both languages, or a text of its own. */
export type Var = string | number | Text;

/** Picks the text for a language and fills `{name}` placeholders. */
export function say(text: Text, lang: Lang, vars: Record<string, Var> = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!(key in vars)) return whole;
    const value = vars[key];
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

/** Folds case and Estonian/Latin diacritics, for matching typed commands. */
export function foldText(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
