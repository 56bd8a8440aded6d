import { accessErrors } from '../../../src/features/access/access-errors.js';
import { say } from '../../../src/shared/i18n.js';

const sample = { et: 'näide', en: 'example' };

/** Every access error code, built with sample arguments: words in both languages, every placeholder filled. */
describe('access error codes', () => {
  const built = Object.entries(accessErrors).map(([name, make]) => {
    const args = Array.from({ length: make.length }, (_, i) => (i === 0 && name === 'badInput' ? [sample] : i === 2 ? sample : `arg${i}`));
    return [name, (make as (...values: unknown[]) => import('../../../src/shared/errors.js').DomainError)(...args)] as const;
  });

  it.each(built)('%s has a code and words in Estonian and English', (_name, error) => {
    expect(error.code).toMatch(/^ACCESS_[A-Z_]+$/);
    for (const lang of ['et', 'en'] as const) {
      const text = say(error.userText, lang, error.vars);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/\{\w+\}/);
    }
    expect(error.userText.et).not.toBe(error.userText.en);
  });

  it('pins the separation-of-duties words', () => {
    const words = (error: { userText: { et: string; en: string }; vars: Record<string, string | number | { et: string; en: string }> }) => [say(error.userText, 'et', error.vars), say(error.userText, 'en', error.vars)];
    expect(words(accessErrors.ownGrant())).toEqual([
      'Sa ei saa kooskõlastada taotlust, mis annab õigused sulle endale. Selle otsustab teine kooskõlastaja.',
      'You cannot approve a request that grants rights to yourself. Another approver decides it.',
    ]);
    expect(words(accessErrors.alreadyDecided('LIG-2026-00001', 'Jaan Juht', { et: 'kooskõlastatud', en: 'approved' }))).toEqual([
      'Taotluse LIG-2026-00001 on juba otsustanud Jaan Juht (kooskõlastatud). Teist korda seda otsustada ei saa.',
      'Request LIG-2026-00001 has already been decided by Jaan Juht (approved). It cannot be decided twice.',
    ]);
  });
});
