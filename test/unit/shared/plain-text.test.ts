import { plainText } from '../../../src/shared/plain-text.js';

describe('typed text shown to others as plain text', () => {
  it('turns a Markdown link into visible text with its address', () => {
    const shown = plainText('[Klõpsa siia, et kinnitada](http://evil.example/login)');
    expect(shown).toBe('\\[Klõpsa siia, et kinnitada\\](http://evil.example/login)');
    expect(shown).not.toMatch(/(^|[^\\])\[[^\]]*[^\\]\]\(/);
  });

  it('escapes bold, italics, code and strike-through', () => {
    expect(plainText('**KIIRE** _nüüd_ `kood` ~~vana~~')).toBe('\\*\\*KIIRE\\*\\* \\_nüüd\\_ \\`kood\\` \\~\\~vana\\~\\~');
  });

  it('breaks mentions, HTML and autolinks so no tag can form', () => {
    const shown = plainText('<at>Siim Spetsialist</at> <a href="http://x">x</a> <http://x>');
    expect(shown).not.toMatch(/<[a-z/]/i);
    expect(shown.replace(/\u200B/g, '')).toBe('<at>Siim Spetsialist</at> <a href="http://x">x</a> <http://x>');
  });

  it('escapes block syntax only at the start of a line and keeps ordinary text as it was', () => {
    expect(plainText('# Pealkiri\n> tsitaat\n- punkt\n+ punkt\n1. esimene')).toBe('\\# Pealkiri\n\\> tsitaat\n\\- punkt\n\\+ punkt\n1\\. esimene');
    expect(plainText('TUGI-2026-00001 on 3 + 4 > 5. Kell 10.30 (umbes)!')).toBe('TUGI-2026-00001 on 3 + 4 > 5. Kell 10.30 (umbes)!');
  });

  it('escapes the escape character itself, so an escape cannot be undone', () => {
    expect(plainText('\\[a](b)')).toBe('\\\\\\[a\\](b)');
  });
});
