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
});
