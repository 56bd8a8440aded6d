import { Writable } from 'node:stream';
import { containsPersonalCode, isPersonalCode, maskPersonalCodes, personalCodeChecksum } from '../../../src/shared/personal-code.js';
import { createLogger } from '../../../src/shared/logger.js';

/** A valid code for a birth date and serial, with its checksum computed by the rule. */
function code(firstTen: string): string {
  return `${firstTen}${personalCodeChecksum(firstTen)}`;
}

describe('Estonian personal codes', () => {
  const valid = code('3900101000');

  it('recognises codes by century digit, date and checksum', () => {
    expect(isPersonalCode(valid)).toBe(true);
    expect(isPersonalCode('37605030299')).toBe(true);
    const wrongChecksum = `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`;
    expect(isPersonalCode(wrongChecksum)).toBe(false);
    expect(isPersonalCode('39013010000')).toBe(false);
    expect(isPersonalCode('9900101000' + '0')).toBe(false);
    expect(isPersonalCode('3900101000')).toBe(false);
  });

  it('uses the second weight round when the first gives ten', () => {
    const needsSecond = Array.from({ length: 1000 }, (_, serial) => `3900101${String(serial).padStart(3, '0')}`)
      .find((firstTen) => [...firstTen].map(Number).reduce((sum, digit, index) => sum + digit * [1, 2, 3, 4, 5, 6, 7, 8, 9, 1][index], 0) % 11 === 10);
    expect(needsSecond).toBeDefined();
    expect(isPersonalCode(code(needsSecond as string))).toBe(true);
  });

  it('masks valid codes in text and leaves other numbers alone', () => {
    expect(maskPersonalCodes(`Kliendi ${valid} andmed, tel 5551234, arve 12345678901`)).toBe('Kliendi [isikukood] andmed, tel 5551234, arve 12345678901');
    expect(containsPersonalCode(`isik ${valid}`)).toBe(true);
    expect(containsPersonalCode('arve 12345678901')).toBe(false);
  });

  it('masks a code with a mistyped checksum too, but not numbers that cannot be a code', () => {
    const typo = `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`;
    expect(maskPersonalCodes(`Isik ${typo} ja ${valid}`)).toBe('Isik [isikukood] ja [isikukood]');
    expect(containsPersonalCode(`isik ${typo}`)).toBe(true);
    // Not a date (30 February, month 13) or not a living person's century digit: left as it is.
    expect(maskPersonalCodes('arve 39002300001, 39013010000, 90001010000')).toBe('arve 39002300001, 39013010000, 90001010000');
  });

  it('keeps codes and secrets out of the log, whatever field they arrive in', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } });
    const log = createLogger('info', sink);
    log.info({ caseId: 'TUGI-2026-00001', detail: { text: `isik ${valid}` }, password: 'hunter2' }, `opened for ${valid}`);
    log.error({ err: new Error(`lookup failed for ${valid}`) }, 'failed');
    log.warn({ question: 'isik 39001010001' }, 'mistyped code 49912310002');
    const output = lines.join('');
    expect(output).not.toContain(valid);
    expect(output).not.toMatch(/39001010001|49912310002/);
    expect(output).not.toContain('hunter2');
    expect(output).toContain('[isikukood]');
    expect(output).toContain('TUGI-2026-00001');
  });
});
