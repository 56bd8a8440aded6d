import { foldText } from '../../shared/i18n.js';
import { stemEnglish, stemEstonian, stemEstonianUngraded } from './stem-word.js';
import { STOP_WORDS } from './stop-words.js';
import { PHRASES, SYNONYM_GROUPS } from './synonyms.js';

/** Which stemmer to use: an article's own language, or both for a question of unknown language. */
export type AnalysisLang = 'et' | 'en' | 'any';

/**
 * A word of the text: its folded surface form, its stem, and the index forms it may stand for
 * (a synonym group as `~group`, else the stem; two when the language is not known).
 */
export interface Token {
  surface: string;
  stem: string;
  forms: string[];
}

interface SynonymMaps {
  /** Members as written, in either language. */
  written: Map<string, string>;
  /** Stems of the Estonian members, for Estonian text; of the English ones, for English text. */
  et: Map<string, string>;
  en: Map<string, string>;
  /** For each Estonian stem, its members' stems before consonant gradation. */
  etUngraded: Map<string, Set<string>>;
}

const SYNONYMS = buildSynonymMaps();

/** Points every form at `group`; a form two groups share is remembered in `shared`. */
function pointAt(map: Map<string, string>, shared: Set<string>, forms: readonly string[], group: string): void {
  for (const form of forms) {
    const held = map.get(form);
    if (held !== undefined && held !== group) shared.add(form);
    else map.set(form, group);
  }
}

/**
 * Every member of a synonym group points at the group as written, and its stem in its own language
 * points at it too, so that inflected forms meet it (koolitusi, trainings). An Estonian word is
 * not an inflected English member: "faili" (of the file) has the Estonian stem "fail", which is
 * the English member "fail" (cannot) as written, and "state" has the Estonian stem of "statute".
 * A stem that members of two groups share means neither: "valed" (wrong) has the stem "val"
 * that "valla" (of the municipality) has, and "vallas" was read as "wrong".
 */
function buildSynonymMaps(): SynonymMaps {
  const maps: SynonymMaps = { written: new Map(), et: new Map(), en: new Map(), etUngraded: new Map() };
  const shared = { et: new Set<string>(), en: new Set<string>() };
  for (const [name, members] of Object.entries(SYNONYM_GROUPS)) {
    const group = `~${name}`;
    if (!members.writtenOnly) pointAt(maps.et, shared.et, members.et.map((word) => stemEstonian(foldText(word))), group);
    for (const word of members.writtenOnly ? [] : members.et.map((member) => foldText(member))) {
      const stem = stemEstonian(word);
      maps.etUngraded.set(stem, (maps.etUngraded.get(stem) ?? new Set()).add(stemEstonianUngraded(word)));
    }
    pointAt(maps.en, shared.en, members.en.map((word) => stemEnglish(foldText(word))), group);
  }
  for (const lang of ['et', 'en'] as const) for (const form of shared[lang]) maps[lang].delete(form);
  for (const [name, members] of Object.entries(SYNONYM_GROUPS)) {
    for (const word of [...members.et, ...members.en]) maps.written.set(foldText(word), `~${name}`);
  }
  return maps;
}

/** Every form of the synonym maps and its group, for the vocabulary (a form the maps disagree on is left out). */
function allSynonymForms(): Map<string, string> {
  const all = new Map<string, string>();
  const shared = new Set<string>();
  for (const map of [SYNONYMS.et, SYNONYMS.en]) for (const [form, group] of map) pointAt(all, shared, [form], group);
  for (const form of shared) all.delete(form);
  for (const [form, group] of SYNONYMS.written) all.set(form, group);
  return all;
}

const SYNONYM_FORMS = allSynonymForms();

/** One pass that tells whether any phrase rule can apply; most texts skip the rules altogether. */
const ANY_PHRASE = new RegExp(PHRASES.map(([pattern]) => `(?:${pattern.source})`).join('|'));

/** Folds case and diacritics (õ ä ö ü š ž -> o a o u s z) and joins multi-word expressions. */
export function foldForSearch(text: string): string {
  let folded = foldText(text.replace(/https?:\/\/\S+/g, ' '));
  if (!ANY_PHRASE.test(folded)) return folded;
  for (const [pattern, replacement] of PHRASES) folded = folded.replace(pattern, ` ${replacement} `);
  return folded;
}

/** Remembers the forms of words already seen; forgets all at a bound so odd input cannot grow it forever. */
const MEMO_LIMIT = 100_000;
const memo = { et: new Map<string, string>(), en: new Map<string, string>(), stemEt: new Map<string, string>(), stemEn: new Map<string, string>() };

function remembered(cache: Map<string, string>, word: string, compute: (word: string) => string): string {
  let value = cache.get(word);
  if (value === undefined) {
    if (cache.size >= MEMO_LIMIT) cache.clear();
    value = compute(word);
    cache.set(word, value);
  }
  return value;
}

function stemOf(word: string, lang: 'et' | 'en'): string {
  return lang === 'et' ? remembered(memo.stemEt, word, stemEstonian) : remembered(memo.stemEn, word, stemEnglish);
}

/**
 * Whether consonant gradation alone made this Estonian word's stem a synonym member's stem:
 * "vältida" (avoid) is graded from vält to vald, the stem of "vald" (municipality), while no
 * member's stem was vält. Gradation still joins a member's own forms (rikke, rikkega; kaart, kaardi).
 */
function gradedAway(word: string, stem: string, lang: 'et' | 'en'): boolean {
  if (lang !== 'et') return false;
  const ungraded = stemEstonianUngraded(word);
  return ungraded !== stem && !(SYNONYMS.etUngraded.get(stem)?.has(ungraded) ?? false);
}

/** The index form of a folded word: its synonym group if it has one, else its stem. */
export function indexForm(word: string, lang: 'et' | 'en'): string {
  return remembered(memo[lang], word, (plain) => {
    const stem = stemOf(plain, lang);
    return SYNONYMS.written.get(plain) ?? (gradedAway(plain, stem, lang) ? undefined : SYNONYMS[lang].get(stem)) ?? stem;
  });
}

function formsOf(word: string, lang: AnalysisLang): string[] {
  if (lang !== 'any') return [indexForm(word, lang)];
  const et = indexForm(word, 'et');
  const en = indexForm(word, 'en');
  return et === en ? [et] : [et, en];
}

/** A stop word, also with ü typed as y ("kysin", "yldse" are "küsin", "üldse"). */
function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) || (word.includes('y') && STOP_WORDS.has(word.replace(/y/g, 'u')));
}

/** Words of at least two letters, not stop words, not bare numbers. */
function contentWords(folded: string): string[] {
  return folded.split(/[^a-z0-9]+/).filter((word) => word.length >= 2 && !isStopWord(word) && !/^\d+$/.test(word));
}

/** Tokenises a text for the index or a question. */
export function analyseText(text: string, lang: AnalysisLang): Token[] {
  return contentWords(foldForSearch(text)).map((surface) => ({
    surface,
    stem: stemOf(surface, lang === 'en' ? 'en' : 'et'),
    forms: formsOf(surface, lang),
  }));
}

/** Every form a synonym group's members stem to, for the vocabulary's typo matching. */
export function synonymForms(): ReadonlyMap<string, string> {
  return SYNONYM_FORMS;
}

/** A message with no word that could be searched for: a greeting, "?", only stop words. */
export function hasNoContent(text: string): boolean {
  return contentWords(foldForSearch(text)).length === 0;
}
