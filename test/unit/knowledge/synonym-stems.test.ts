import { indexForm } from '../../../src/features/knowledge/analyse-text.js';

/**
 * Synonym groups meet inflected forms through their members' stems. A stem that members of two
 * groups share (the English stem of "valed", wrong, is the Estonian stem of "valla", of the
 * municipality) must not send a word to whichever group came last in the list.
 */
describe('synonym groups reached through stems', () => {
  it('does not read "vallas" (in the municipality) as "wrong"', () => {
    expect(indexForm('vallas', 'et')).not.toBe('~wrong');
    expect(indexForm('vallale', 'et')).not.toBe('~wrong');
  });

  it('still reads the members as written and their inflected forms as the group', () => {
    expect(indexForm('valla', 'et')).toBe('~municipality');
    expect(indexForm('valed', 'et')).toBe('~wrong');
    expect(indexForm('koolitusi', 'et')).toBe('~training');
    expect(indexForm('trainings', 'en')).toBe('~training');
  });

  it('meets a member through its stem only in the member\'s own language', () => {
    // "faili", "failide" (of the file/files) are Estonian, not an inflected English "fail" (cannot).
    expect(indexForm('faili', 'et')).not.toBe('~cannot');
    expect(indexForm('failide', 'et')).not.toBe('~cannot');
    // "state" has the Estonian stem of the English member "statute".
    expect(indexForm('state', 'et')).not.toBe('~legalbasis');
    expect(indexForm('personal', 'et')).not.toBe('~client');
  });

  it('still meets inflected members in their own language and loan words inflected in Estonian', () => {
    expect(indexForm('failed', 'en')).toBe('~cannot');
    expect(indexForm('statutes', 'en')).toBe('~legalbasis');
    expect(indexForm('errorit', 'et')).toBe('~error');
    expect(indexForm('fail', 'en')).toBe('~cannot');
  });

  it('meets the listed forms of saama and töö as written only: their short stems are other words\' stems', () => {
    for (const send of ['saata', 'saatsin', 'saatmine', 'saadab', 'saadetakse', 'saabub']) expect(indexForm(send, 'et')).not.toBe('~can');
    expect(indexForm('toodud', 'et')).not.toBe('~work');
    for (const get of ['saada', 'saab', 'saamise', 'saate']) expect(indexForm(get, 'et')).toBe('~can');
    expect(indexForm('tood', 'et')).toBe('~work');
    expect(indexForm('getting', 'en')).toBe('~can');
  });

  it('does not let consonant gradation alone make a word a member: "vältida" (avoid) is not "vald"', () => {
    expect(indexForm('valtida', 'et')).not.toBe('~municipality');
    expect(indexForm('valtima', 'et')).not.toBe('~municipality');
    expect(indexForm('valda', 'et')).toBe('~municipality');
    expect(indexForm('rikkega', 'et')).toBe('~outage');
    expect(indexForm('torgete', 'et')).toBe('~error');
  });
});
