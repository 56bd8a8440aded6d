import { detectSmallTalk } from '../../../src/features/knowledge/small-talk.js';

/** As if every word left over were one the knowledge base knows: only the small-talk rules decide. */
const everythingKnown = (rest: string): boolean => rest.trim().length > 0;

describe('detectSmallTalk', () => {
  it('reads a weather question with a place and a day as small talk, in Estonian and English', () => {
    for (const text of ['mis ilm homme Tallinnas on', 'milline ilm on täna Tartus', "what's the weather in Tallinn tomorrow", 'how is the weather today']) {
      expect(detectSmallTalk(text, everythingKnown)).toMatchObject({ kind: 'offTopic' });
    }
  });

  it('leaves words that only begin like "ilm" (ilmub: appears) and support questions alone', () => {
    expect(detectSmallTalk('mis ilmub STARis ekraanile', everythingKnown)).toBeUndefined();
    expect(detectSmallTalk('tere, STARi parool aegus', everythingKnown)).toBeUndefined();
  });
});
