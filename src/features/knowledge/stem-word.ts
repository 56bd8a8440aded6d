/**
 * Light stemmers for folded words (lower case, no diacritics). They do not aim at linguistic
 * correctness: the index and the questions go through the same functions, so what matters is that
 * the common inflected forms of one word end on the same stem (or on stems one of which is a short
 * prefix of the other, which the vocabulary matcher also accepts).
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const MIN_STEM = 4;

/** Case, plural and verb endings, longest first; removed when at least four letters remain. */
const ESTONIAN_ENDINGS = [
  'idesse', 'miseks', 'misega', 'misest', 'misele', 'mistel', 'miselt', 'misena', 'misteta',
  'tesse', 'desse', 'idega', 'ideks', 'idena', 'ideni', 'ideta', 'idelt', 'idele', 'idest', 'takse', 'dakse', 'mises', 'misel',
  'tega', 'dega', 'teks', 'deks', 'tena', 'dena', 'teni', 'deni', 'teta', 'deta', 'telt', 'delt', 'tele', 'dele', 'test', 'dest',
  'misse', 'miste', 'ides', 'idel', 'isse', 'mise', 'mist', 'misi', 'mine',
  'tes', 'des', 'tel', 'del', 'sse', 'ide', 'tud', 'dud', 'nud', 'vad', 'sid', 'sin', 'sime',
  'id', 'ga', 'ks', 'na', 'ni', 'ta', 'lt', 'le', 'st', 'ma', 'da', 'te', 'de',
];

/** Single-letter endings: removed only after a single vowel (parooli-l, konto-d, isiku-t), never from parool or kood. */
const ESTONIAN_LETTER_ENDINGS = new Set(['s', 'l', 't', 'd', 'b', 'n']);

function endsWithSingleVowel(word: string): boolean {
  const last = word[word.length - 1];
  const before = word[word.length - 2];
  return VOWELS.has(last) && before !== undefined && !VOWELS.has(before);
}

function endsWithVowel(word: string): boolean {
  return VOWELS.has(word[word.length - 1]);
}

/**
 * Whether a two-letter ending may go: it follows a vowel (kasutaja-ga); -ni and -na not after a long
 * vowel (sessiooni); the plural genitive -te/-de also after a consonant (õigus-te).
 */
function takesShortEnding(rest: string, ending: string): boolean {
  if (ending === 'ni' || ending === 'na') return endsWithSingleVowel(rest);
  if (ending === 'te' || ending === 'de') return true;
  return endsWithVowel(rest);
}

function stripEnding(word: string): string {
  // -ust is the partitive of the -us nouns (menetlus -> menetlust); -us itself is part of the stem.
  if (word.endsWith('ust') && word.length >= 6) return word.slice(0, -1);
  for (const ending of ESTONIAN_ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < MIN_STEM) continue;
    const rest = word.slice(0, -ending.length);
    if (ending.length > 2 || takesShortEnding(rest, ending)) return rest;
  }
  const last = word[word.length - 1];
  const rest = word.slice(0, -1);
  if (ESTONIAN_LETTER_ENDINGS.has(last) && rest.length >= MIN_STEM && endsWithSingleVowel(rest)) {
    if (last === 's' && rest.endsWith('u')) return word;
    return rest;
  }
  return word;
}

/** Estonian: strips one case/plural/verb ending, then a final stem vowel (kasutajale -> kasutaj). */
export function stemEstonian(word: string): string {
  if (/\d/.test(word)) return word;
  if (word.length <= MIN_STEM) return /([^aeiouy])\1$/.test(word) ? word.slice(0, -1) : word;
  return gradeDown(stemEstonianUngraded(word));
}

/**
 * `stemEstonian` before consonant gradation (vältida -> vält, where the stem is vald): tells a
 * stem that gradation made from one that the word has as it is.
 */
export function stemEstonianUngraded(word: string): string {
  if (/\d/.test(word) || word.length <= MIN_STEM) return stemEstonian(word);
  let stem = stripEnding(word);
  // Nominative -ne and genitive -se of the same adjective (aktiivne, aktiivse) meet on -se.
  if (stem.endsWith('ne') && stem.length >= 6) stem = `${stem.slice(0, -2)}se`;
  if (stem.length > MIN_STEM && VOWELS.has(stem[stem.length - 1])) stem = stem.slice(0, -1);
  // register / registri: the e of -er disappears in the inflected forms.
  if (/[^aeiou]er$/.test(stem) && stem.length >= 7) stem = `${stem.slice(0, -2)}r`;
  return stem;
}

const WEAK_GRADE: Readonly<Record<string, string>> = { t: 'd', k: 'g', p: 'b' };

/**
 * Consonant gradation: the strong and weak grades of a stem meet on the weak one (kaart / kaardi
 * -> kaard, lukk / luku -> luk, rike / rikke -> rik). Only the stem's last consonant changes.
 */
function gradeDown(stem: string): string {
  let graded = stem;
  const last = graded[graded.length - 1];
  if (!VOWELS.has(last) && graded[graded.length - 2] === last) graded = graded.slice(0, -1);
  const weak = WEAK_GRADE[graded[graded.length - 1]];
  if (weak && graded.length >= MIN_STEM && !VOWELS.has(graded[graded.length - 2] ?? 'a')) graded = `${graded.slice(0, -1)}${weak}`;
  return graded;
}

/** English: plural, -ing, -ed, -ly and a final -e (expire, expires, expiring, expired -> expir). */
export function stemEnglish(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let stem = word;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.endsWith('ing') && stem.length > 5) stem = stem.slice(0, -3);
  else if (stem.endsWith('ed') && stem.length > 4) stem = stem.slice(0, -2);
  else if (stem.endsWith('ly') && stem.length > 5) stem = stem.slice(0, -2);
  if (/([b-df-hj-np-tv-z])\1$/.test(stem) && !stem.endsWith('ss') && !stem.endsWith('ll')) stem = stem.slice(0, -1);
  if (stem.endsWith('e') && stem.length > 4) stem = stem.slice(0, -1);
  return stem;
}
