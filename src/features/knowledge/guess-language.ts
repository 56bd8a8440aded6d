import type { Lang } from '../../shared/i18n.js';
import type { AnalysisLang } from './analyse-text.js';

const ESTONIAN_MARKERS = new Set(
  ('kuidas kas mis ei ma mul mulle mu minu meie meil miks kes kus kust kuhu millal mida see et kui pole vaja ja ning voi aga ka oma tahan saan saab '
    + 'on olen oli tere palun aitah kuhu kellele seda selle siis veel juba mitte kuid sest ikka pean peab tuleb saaks oleks miskiparast').split(' '),
);
const ENGLISH_MARKERS = new Set(
  ('the how do does did i is are am what can could my to for with while of in there who why when which should would this that a an me you get '
    + 'we our your it not have has hi hello please thanks from after before any need want where keep').split(' '),
);

/**
 * Estonian, English or unknown, from function words and Estonian letters. A question that is not
 * clearly one language is stemmed both ways.
 */
export function guessLanguage(text: string): AnalysisLang {
  if (/[õäöüÕÄÖÜ]/.test(text)) return 'et';
  let et = 0;
  let en = 0;
  for (const word of text.toLowerCase().split(/[^a-z]+/)) {
    if (ESTONIAN_MARKERS.has(word)) et += 1;
    if (ENGLISH_MARKERS.has(word)) en += 1;
  }
  if (et > en) return 'et';
  if (en > et) return 'en';
  return 'any';
}

/** The language a message is clearly written in, or undefined (then the Teams locale decides). */
export function questionLanguage(text: string): Lang | undefined {
  const guessed = guessLanguage(text);
  return guessed === 'any' ? undefined : guessed;
}
