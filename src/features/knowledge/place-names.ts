/**
 * Estonian municipalities and counties, folded (lower case, no diacritics), as they stand before
 * "vald", "linn" or "maakond" ("Valga valla uus lastekaitsetöötaja", "Tartu linnas"). People say
 * where they work; the name tells no article apart, and a name the base does not know may be met
 * as a typo of a word it does know ("valga" for "valge"). The 79 local governments since 2017 and
 * the 15 counties; a hyphen may be typed as a space.
 */
const NAMES = [
  'alutaguse', 'anija', 'antsla', 'elva', 'haapsalu', 'haljala', 'harju', 'harku', 'hiiu', 'hiiumaa', 'haademeeste',
  'ida viru', 'joelahtme', 'jogeva', 'johvi', 'jarva', 'kadrina', 'kambja', 'kanepi', 'kastre', 'kehtna', 'keila', 'kihnu',
  'kiili', 'kohila', 'kohtla jarve', 'kose', 'kuusalu', 'laane', 'laane harju', 'laane nigula', 'laane viru', 'laaneranna',
  'loksa', 'luganuse', 'luunja', 'maardu', 'marjamaa', 'muhu', 'mulgi', 'mustvee', 'narva', 'narva joesuu', 'noo',
  'otepaa', 'paide', 'parnu', 'peipsiaare', 'pohja parnumaa', 'pohja sakala', 'poltsamaa', 'polva', 'raasiku', 'rae',
  'rakvere', 'rapla', 'rapina', 'rouge', 'ruhnu', 'saarde', 'saare', 'saaremaa', 'saku', 'saue', 'setomaa', 'sillamae',
  'tallinna', 'tapa', 'tartu', 'toila', 'tori', 'torva', 'turi', 'vaike maarja', 'valga', 'viimsi', 'viljandi', 'vinni',
  'viru nigula', 'vormsi', 'voru',
];

/** "<name> valla|linna|maakonna..." keeps only the second word (the municipality word is a real clue). */
export const PLACE_BEFORE_MUNICIPALITY = new RegExp(
  `\\b(?:${NAMES.map((name) => name.replace(' ', '[\\s-]+')).join('|')})[\\s-]+(vald\\w*|valla\\w*|linn\\w*|maakon\\w*)\\b`,
  'g',
);
