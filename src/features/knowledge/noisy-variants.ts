import type { Variant } from './cross-validate.js';
import type { EvalQuestion } from './evaluate-questions.js';
import { guessLanguage } from './guess-language.js';
import type { Ranking } from './search-knowledge.js';

/**
 * Noisy variants of a training question, for fitting the decision on questions typed the way
 * strangers type them: a line saying who asks, a closing, fillers, no diacritics, y for ü, a typo
 * in a long word, all lower case. The phrases are generic everyday ones written for this generator
 * (not taken from any question set), and the noise is seeded, so a fit is the same on every run.
 * A variant keeps its question's label: the noise does not change what is asked.
 */

const ROLES_ET = ['sotsiaaltöötaja', 'lastekaitsetöötaja', 'juhtumikorraldaja', 'uus töötaja', 'hooldekodu töötaja', 'spetsialist', 'raamatupidaja'];
const PLACES_ET = ['Harku valla', 'Tartu linna', 'Rapla valla', 'Saue valla', 'Kehtna valla', 'Narva linna'];
const ROLES_EN = ['social worker', 'case manager', 'new employee', 'care home employee', 'child protection worker'];

const OPENINGS_ET = [
  'tere, olen {place} {role} ja ', 'Tere! Olen {place} {role}. ', 'tere päevast, mul on selline küsimus: ', 'Hei, ', 'palun abi, ',
  'Tere, kirjutan {place} poolt, ', 'vabandust, et tülitan, aga ', 'Tere, olen siin uus {role}. ', 'kolleeg soovitas teile kirjutada. ',
];
const CLOSINGS_ET = [' Aitäh!', ' ette tänades', ' palun abi', ' Tänan!', ' Lugupidamisega, Mari', ' kiire oleks', ' aitäh vastamast', ' :)'];
const FILLERS_ET = ['nagu', 'noh', 'ikka', 'siis', 'kuidagi', 'vist', 'äkki', 'lihtsalt', 'üldse', 'mingi'];

const OPENINGS_EN = [
  'Hi, ', 'Hello, I work as a {role} at the municipality and ', 'Quick question: ', 'Sorry to bother you, but ', "Hi team, I'm new here. ",
  'Good morning! ', "Hey, I'm a {role}. ", 'a colleague told me to ask here. ',
];
const CLOSINGS_EN = [' Thanks in advance!', ' Any help appreciated.', ' thanks', ' Cheers, Anna', ' thx', ' Kind regards'];
const FILLERS_EN = ['just', 'basically', 'actually', 'like', 'kind of', 'really', 'somehow'];

type Random = () => number;

/** A linear congruential generator, as the folds use: the same seed gives the same variants. */
export function seededRandom(seed: number): Random {
  let state = seed % 2147483648;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)];

/** One kind of noise: changes the text, or returns it unchanged when it does not apply. */
type Noise = (text: string, english: boolean, random: Random) => string;

const opening: Noise = (text, english, random) => {
  const line = pick(english ? OPENINGS_EN : OPENINGS_ET, random)
    .replace('{place}', pick(PLACES_ET, random))
    .replace('{role}', pick(english ? ROLES_EN : ROLES_ET, random));
  return line + (line.endsWith('. ') || line.endsWith('! ') || line.endsWith(': ') ? text : text.charAt(0).toLowerCase() + text.slice(1));
};
const closing: Noise = (text, english, random) => text + pick(english ? CLOSINGS_EN : CLOSINGS_ET, random);
const filler: Noise = (text, english, random) => {
  const words = text.split(' ');
  words.splice(1 + Math.floor(random() * Math.max(1, words.length - 1)), 0, pick(english ? FILLERS_EN : FILLERS_ET, random));
  return words.join(' ');
};
const noDiacritics: Noise = (text) => text.replace(/[õÕäÄöÖüÜšŠžŽ]/g, (letter) => ({ õ: 'o', Õ: 'O', ä: 'a', Ä: 'A', ö: 'o', Ö: 'O', ü: 'u', Ü: 'U', š: 's', Š: 'S', ž: 'z', Ž: 'Z' })[letter] ?? letter);
const yForU: Noise = (text) => text.replace(/ü/g, 'y').replace(/Ü/g, 'Y');
const lowerCase: Noise = (text) => text.toLowerCase().replace(/[?.!]+\s*$/, '');

/** One typing slip in a word of seven letters or more: two letters swapped, one dropped or one doubled. */
const typo: Noise = (text, _english, random) => {
  const long = [...text.matchAll(/\p{L}{7,}/gu)];
  if (long.length === 0) return text;
  const match = pick(long, random);
  const word = match[0];
  const at = 1 + Math.floor(random() * (word.length - 3));
  const kind = Math.floor(random() * 3);
  const slipped = kind === 0 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
    : kind === 1 ? word.slice(0, at) + word.slice(at + 1)
      : word.slice(0, at) + word[at] + word.slice(at);
  const start = match.index ?? 0;
  return text.slice(0, start) + slipped + text.slice(start + word.length);
};

const EVERYDAY_ET = ['asjandus', 'värk', 'jama', 'teema', 'programm', 'keskkond', 'lugu', 'värgi', 'kribu', 'toiming'];
const EVERYDAY_EN = ['thing', 'stuff', 'tool', 'portal', 'matter', 'bit', 'gadget', 'process'];

/** A word of four letters or more said in other words: replaced by a vague everyday one the articles may not hold. */
const otherWord: Noise = (text, english, random) => {
  const words = [...text.matchAll(/\p{L}{4,}/gu)];
  if (words.length < 2) return text;
  const match = pick(words, random);
  const start = match.index ?? 0;
  return text.slice(0, start) + pick(english ? EVERYDAY_EN : EVERYDAY_ET, random) + text.slice(start + match[0].length);
};

/** A word of four letters or more left out. */
const dropWord: Noise = (text, _english, random) => {
  const words = [...text.matchAll(/\p{L}{4,}/gu)];
  if (words.length < 3) return text;
  const match = pick(words, random);
  const start = match.index ?? 0;
  return (text.slice(0, start) + text.slice(start + match[0].length)).replace(/\s{2,}/g, ' ').trim();
};

/** The kinds of noise by name, in the order they are applied (words first, then letters). */
export const NOISES = { opening, closing, filler, otherWord, dropWord, noDiacritics, yForU, typo, lowerCase } as const;
export type NoiseName = keyof typeof NOISES;
const ORDER = Object.keys(NOISES) as NoiseName[];

/** How often each kind is drawn for a variant (each independently); at least one always applies. */
export const NOISE_ODDS: Record<NoiseName, number> = { opening: 0.45, closing: 0.3, filler: 0.3, otherWord: 0, dropWord: 0, noDiacritics: 0.35, yForU: 0.1, typo: 0.35, lowerCase: 0.3 };

/** `count` noisy variants of `question` (its label kept), drawn from `random`. */
export function noisyVariants(question: EvalQuestion, count: number, random: Random, odds: Record<NoiseName, number> = NOISE_ODDS): EvalQuestion[] {
  const english = guessLanguage(question.q) === 'en';
  return Array.from({ length: count }, () => {
    let chosen = ORDER.filter((name) => random() < odds[name]);
    if (chosen.length === 0) chosen = [pick(ORDER.filter((name) => odds[name] > 0), random)];
    const q = chosen.reduce((text, name) => NOISES[name](text, english, random), question.q);
    return { ...question, q, style: `noisy:${chosen.join('+')}` };
  });
}

/** The noise seed the shipped fit uses. */
export const VARIANT_SEED = 20261208;

/**
 * `count` noisy variants of every question, each ranked by `rank` and tied to its question's index
 * (`from`), for fitting the decision (cross-validate.ts keeps a variant with its question's fold).
 */
export function rankedVariants(questions: readonly EvalQuestion[], rank: (question: string) => Ranking, count: number, seed = VARIANT_SEED, odds = NOISE_ODDS): Variant[] {
  if (count <= 0) return [];
  const random = seededRandom(seed);
  return questions.flatMap((question, from) =>
    noisyVariants(question, count, random, odds).map((variant) => ({ question: variant, ranking: rank(variant.q), from, variant: true })));
}
