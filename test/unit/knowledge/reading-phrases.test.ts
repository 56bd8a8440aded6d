import { analyseText } from '../../../src/features/knowledge/analyse-text.js';

const forms = (text: string, lang: 'et' | 'en' | 'any'): string[] => analyseText(text, lang).flatMap((token) => token.forms);
const surfaces = (text: string, lang: 'et' | 'en' | 'any'): string[] => analyseText(text, lang).map((token) => token.surface);

/** How the search reads support questions whose meaning sits in stop words or in word order. */
describe('reading asking, looking up and contractions', () => {
  it('reads asking someone as contacting them, in English and in Estonian word order', () => {
    expect(forms("who do I ask when I don't know how to do something in STAR", 'en')).toContain('~contact');
    expect(forms('whom should we ask about STAR roles', 'en')).toContain('~contact');
    const estonian = forms('kellelt STARi asjus abi küsida', 'et');
    expect(estonian).toContain('~contact');
    expect(surfaces('kellelt STARi asjus abi küsida', 'et')).toEqual(expect.arrayContaining(['stari', 'asjus', 'abi']));
  });

  it('keeps asking alone a filler', () => {
    expect(forms('I want to ask how to reset my STAR password', 'en')).not.toContain('~contact');
  });

  it('reads "look up" as a lookup', () => {
    expect(forms('is it allowed to look up my neighbour in STAR', 'en')).toContain('~query');
    expect(forms('can I look someone up in SKAIS', 'en')).toContain('~query');
  });

  it('drops contractions typed without an apostrophe and reads "isnt working" as broken', () => {
    for (const word of ['dont', 'doesnt', 'havent']) expect(surfaces(`I ${word} see the report`, 'en')).not.toContain(word);
    expect(forms('STAR isnt working', 'en')).toContain('~broken');
    expect(forms('the report wont work', 'en')).toContain('~broken');
  });

  it('reads rights taken away as revoked, with words between, and taking alone as no revocation', () => {
    expect(forms('mul võeti SKAISi õigused ära', 'et')).toContain('~revoked');
    expect(surfaces('mul võeti SKAISi õigused ära', 'et')).toEqual(expect.arrayContaining(['skaisi', 'oigused']));
    expect(forms('STARi ligipääs on ära võetud', 'et')).toContain('~revoked');
    expect(forms('they took away my STAR access', 'en')).toContain('~revoked');
    expect(forms('uus töötaja võeti tööle', 'et')).not.toContain('~revoked');
  });
});
