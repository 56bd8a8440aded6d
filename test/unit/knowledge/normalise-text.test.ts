import { analyseText, foldForSearch } from '../../../src/features/knowledge/analyse-text.js';
import { detectSystems } from '../../../src/features/knowledge/detect-systems.js';
import { editDistance } from '../../../src/features/knowledge/edit-distance.js';
import { guessLanguage } from '../../../src/features/knowledge/guess-language.js';
import { queryUnits } from '../../../src/features/knowledge/query-units.js';
import { stemEnglish, stemEstonian } from '../../../src/features/knowledge/stem-word.js';
import { fixtureIndex } from './knowledge-test-kit.js';

const formsOf = (text: string, lang: 'et' | 'en' | 'any' = 'et') => analyseText(text, lang).map((token) => token.forms[0]);

describe('text normalisation', () => {
  it('folds case and Estonian diacritics', () => {
    expect(foldForSearch('ÕIGUSED Äri Öö Üle Šokk Žürii')).toBe('oigused ari oo ule sokk zurii');
  });

  it('drops stop words and numbers', () => {
    expect(analyseText('Kuidas ma saan seda 2026. aastal teha ja parandada?', 'et').map((token) => token.surface)).toEqual(['saan', 'aastal', 'parandada']);
  });

  it.each([
    ['parool', 'parooli', 'paroolid', 'paroolide', 'parooliga'],
    ['konto', 'kontot', 'kontod', 'kontosid', 'kontole'],
    ['menetlus', 'menetluse', 'menetlust', 'menetluses', 'menetlused'],
    ['roll', 'rolli', 'rollid', 'rollide', 'rolle'],
    ['register', 'registri', 'registris', 'registritesse'],
    ['isikukood', 'isikukoodi', 'isikukoodita'],
    ['STAR', 'STARi', 'STARis', 'STARist', 'STARiga'],
  ])('stems the forms of %s alike', (...forms) => {
    const stems = new Set(forms.map((form) => stemEstonian(foldForSearch(form))));
    expect(stems.size).toBe(1);
  });

  it('drops the name of a municipality before vald, linn or maakond, and keeps the municipality word', () => {
    const surfaces = (text: string) => analyseText(text, 'et').map((token) => token.surface);
    expect(surfaces('olen Valga valla uus lastekaitsetöötaja')).toEqual(['valla', 'uus', 'lastekaitsetootaja']);
    expect(surfaces('Lääne-Harju vallas ja Tartu linnas')).toEqual(['vallas', 'linnas']);
    expect(surfaces('Ida Viru maakonnas')).toEqual(['maakonnas']);
    // Not a name: "teise valla klient" is the topic of proceedings in another municipality.
    expect(surfaces('teise valla klient')).toEqual(['teise', 'valla', 'klient']);
  });

  it('drops stop words typed with y for ü', () => {
    expect(analyseText('kysin yldse yhe parooli kohta', 'et').map((token) => token.surface)).toEqual(['parooli']);
    expect(analyseText('my system', 'en').map((token) => token.surface)).toEqual(['system']);
  });

  it('stems English inflections', () => {
    expect(new Set(['expire', 'expires', 'expiring', 'expired'].map(stemEnglish))).toEqual(new Set(['expir']));
    expect(stemEnglish('roles')).toBe(stemEnglish('role'));
  });

  it('maps synonyms across words and languages to one term', () => {
    expect(formsOf('parool')).toEqual(formsOf('salasõna'));
    expect(formsOf('password', 'en')).toEqual(formsOf('paroolid'));
    expect(formsOf('ligipääs')).toEqual(formsOf('juurdepääsu'));
    expect(formsOf('viga')).toEqual(formsOf('tõrge'));
    expect(formsOf('vald')).toEqual(formsOf('KOV'));
    expect(formsOf('sisse logida')).toEqual(formsOf('sisselogimine'));
    expect(formsOf('log in', 'en')).toEqual(formsOf('sisselogimine'));
  });

  it('guesses the language of a question', () => {
    expect(guessLanguage('How do I reset my password?')).toBe('en');
    expect(guessLanguage('kuidas parooli vahetada')).toBe('et');
    expect(guessLanguage('pääsukesed')).toBe('et');
    expect(guessLanguage('STAR')).toBe('any');
  });

  it('names the systems a question is about', () => {
    expect(detectSystems('STARis ja SKAISi õigused')).toEqual(['SKAIS', 'STAR']);
    expect(detectSystems('star-is ei saa sisse')).toEqual(['STAR']);
    expect(detectSystems('start the engine')).toEqual([]);
  });

  it('counts typos as edits, a swap of neighbours as one', () => {
    expect(editDistance('parool', 'paroli')).toBe(2);
    expect(editDistance('parool', 'praool')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('query words against the index vocabulary', () => {
  it('meets paroolid, parooli, parool and paroli on the same term', async () => {
    const index = await fixtureIndex();
    const termOf = (word: string) => queryUnits(index, word)[0].matches.map((match) => index.terms[match.term]);
    for (const word of ['paroolid', 'parooli', 'parool', 'paroli', 'salasõna', 'password']) expect(termOf(word)).toEqual(['~password']);
    expect(queryUnits(index, 'paroli')[0].matches[0].quality).toBeLessThan(1);
  });

  it('splits a compound the base does not know into parts it knows', async () => {
    const index = await fixtureIndex();
    const [unit] = queryUnits(index, 'STARikonto');
    expect(unit.parts?.map((part) => part.matches.map((match) => index.terms[match.term]))).toEqual([['star'], ['~account']]);
  });

  it('keeps words the base does not know as unknown, without weight in the ranking', async () => {
    const index = await fixtureIndex();
    const [unit] = queryUnits(index, 'jalgpall');
    expect(unit.matches).toEqual([]);
    expect(unit).toMatchObject({ weight: 0, unknown: 1 });
  });

  it('reads ü typed as y and meets consonant gradation (kaart, kaardi)', async () => {
    const index = await fixtureIndex();
    const termsOf = (word: string) => queryUnits(index, word).flatMap((unit) => unit.matches.map((match) => index.terms[match.term]));
    expect(termsOf('kysi')).toEqual(termsOf('küsi'));
    expect(termsOf('kysi').length).toBeGreaterThan(0);
    expect(stemEstonian('kaart')).toBe(stemEstonian('kaardi'));
    expect(stemEstonian('rolli')).toBe(stemEstonian('roll'));
  });

  it('drops English contractions and fillers', () => {
    expect(analyseText("we're new and we've got no idea, I'd like to know", 'en').map((token) => token.surface)).toEqual(['new', 'idea']);
  });
});
