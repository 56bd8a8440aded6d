import { KATI, MARI, personalMessage, type Person } from '../support/activities.js';
import { startBot, textOf, type Harness } from '../support/bot-harness.js';

/** Teams allows about 28 KB of text in one message. */
const MAX_MESSAGE = 28 * 1024;

/** A message of the largest size made of many different word-like strings (every one a fuzzy-match candidate) and real words. */
function maximumMessage(seed: number): string {
  const words: string[] = [];
  let state = seed;
  const letters = 'abdeghijklmnoprstuvõäöü';
  let length = 0;
  while (length < MAX_MESSAGE) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const size = 6 + (state % 9);
    let word = '';
    for (let at = 0; at < size; at += 1) word += letters[(state >> (at % 16)) % letters.length];
    const next = words.length % 7 === 0 ? `STARi parooli kasutajakonto ${word}` : word;
    words.push(next);
    length += next.length + 1;
  }
  return words.join(' ').slice(0, MAX_MESSAGE);
}

const PEOPLE: Person[] = Array.from({ length: 10 }, (_, at) => ({
  aadObjectId: `d4d4d4d4-0000-4000-8000-${String(at).padStart(12, '0')}`,
  name: `Pikk Kirjutaja ${at}`,
}));

describe('very long messages do not hold up other people (issue 14, finding 2)', () => {
  let bot: Harness;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.close());

  it('answers an ordinary question within a second while ten maximum-size messages arrive together', async () => {
    const serviceUrl = bot.connector.url;
    // Warm up: the first question pays for lazy loading, which is not what this test measures.
    await bot.ask(personalMessage(KATI, 'kuidas STARi parooli vahetada', { serviceUrl }));
    const long = PEOPLE.map((person, at) => bot.post(personalMessage(person, maximumMessage(at + 1), { serviceUrl })));
    const started = performance.now();
    const [answer] = await bot.ask(personalMessage(MARI, 'unustasin STARi parooli, mida teha?', { serviceUrl }));
    const elapsed = performance.now() - started;
    expect(textOf(answer)).toMatch(/STAR/);
    expect(elapsed).toBeLessThan(1000);
    const statuses = await Promise.all(long.map(async (reply) => (await reply).status));
    expect(statuses.every((status) => status < 300)).toBe(true);
    expect(maximumMessage(1).length).toBe(MAX_MESSAGE);
  });
});
