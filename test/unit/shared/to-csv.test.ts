import { csvField, toCsv } from '../../../src/shared/to-csv.js';

describe('toCsv', () => {
  it('escapes every cell a spreadsheet would run as a formula', () => {
    for (const cell of ['=HYPERLINK("http://x","Klõpsa")', '+372 5555', '-2+3', '@SUM(A1)', '\tx', '\rx', '＝1+1']) {
      expect(csvField(cell).replace(/^"/, '')).toMatch(/^'/);
    }
  });

  it('keeps numbers and plain text as they are, and quotes what RFC 4180 needs', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField('Kati Kasutaja')).toBe('Kati Kasutaja');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField(undefined)).toBe('');
  });

  it('writes a header and rows with Unix line ends and no trailing newline', () => {
    expect(toCsv(['a', 'b'], [['=1', 2], [undefined, 'x\ny']])).toBe('a,b\n\'=1,2\n,"x\ny"');
  });
});
