import { fillForm } from '../../../scripts/chat/form.js';
import { parseInputAnswer, promptForInput } from '../../../scripts/chat/inputs.js';
import type { CardJson } from '../../../scripts/chat/render-card.js';
import { caseFormCard } from './fixtures.js';

const inputs = (caseFormCard().body as CardJson[]).filter((element) => String(element.type).startsWith('Input.'));
const [subject, priority, due] = inputs;

describe('promptForInput', () => {
  it('numbers the choices of a ChoiceSet and says what Enter keeps', () => {
    expect(promptForInput(priority, 'et')).toEqual({
      lines: ['  1) Kriitiline', '  2) Tavaline', '  3) Madal'],
      prompt: 'Prioriteet (vali number; Enter jätab: Tavaline): ',
    });
    expect(promptForInput(priority, 'en').prompt).toBe('Prioriteet (choose a number; Enter keeps: Tavaline): ');
  });

  it('marks required fields and tells how to leave optional ones empty', () => {
    expect(promptForInput(subject, 'et').prompt).toBe('Teema (nt STAR ei avane; kohustuslik): ');
    expect(promptForInput(due, 'et').prompt).toBe('Soovitud tähtaeg (AAAA-KK-PP; tühi jätmiseks Enter): ');
    expect(promptForInput(due, 'en').prompt).toBe('Soovitud tähtaeg (YYYY-MM-DD; Enter to leave empty): ');
  });
});

describe('parseInputAnswer', () => {
  it('accepts a choice by number, value or title, and keeps the default on Enter', () => {
    expect(parseInputAnswer(priority, '1', 'et')).toEqual({ ok: true, value: 'critical' });
    expect(parseInputAnswer(priority, 'madal', 'et')).toEqual({ ok: true, value: 'low' });
    expect(parseInputAnswer(priority, '', 'et')).toEqual({ ok: true, value: 'normal' });
    expect(parseInputAnswer(priority, '7', 'et')).toEqual({ ok: false, error: 'Palun vali number 1–3.' });
  });

  it('joins the values of a multi-select ChoiceSet with commas, as Teams does', () => {
    expect(parseInputAnswer({ ...priority, isMultiSelect: true, value: undefined }, '1, 3', 'et')).toEqual({ ok: true, value: 'critical,low' });
  });

  it('refuses an empty required field and leaves an empty optional one out', () => {
    expect(parseInputAnswer(subject, '  ', 'en')).toEqual({ ok: false, error: 'This field is required.' });
    expect(parseInputAnswer(due, '', 'et')).toEqual({ ok: true, value: undefined });
  });

  it('reads dates in ISO or Estonian form and refuses impossible ones', () => {
    expect(parseInputAnswer(due, '2026-12-01', 'et')).toEqual({ ok: true, value: '2026-12-01' });
    expect(parseInputAnswer(due, '1.12.2026', 'et')).toEqual({ ok: true, value: '2026-12-01' });
    expect(parseInputAnswer(due, '2026-02-30', 'et').ok).toBe(false);
  });

  it('checks numbers, toggles, lengths and patterns, preferring the card\'s own error message', () => {
    expect(parseInputAnswer({ type: 'Input.Number', id: 'n', min: 1, max: 5 }, '3,5', 'et')).toEqual({ ok: true, value: '3.5' });
    expect(parseInputAnswer({ type: 'Input.Number', id: 'n', min: 1, max: 5 }, '9', 'et')).toEqual({ ok: false, error: 'Arv peab olema vahemikus 1–5.' });
    expect(parseInputAnswer({ type: 'Input.Toggle', id: 't' }, 'jah', 'et')).toEqual({ ok: true, value: 'true' });
    expect(parseInputAnswer({ type: 'Input.Toggle', id: 't' }, '', 'et')).toEqual({ ok: true, value: 'false' });
    expect(parseInputAnswer({ type: 'Input.Text', id: 'x', maxLength: 3 }, 'abcd', 'en')).toEqual({ ok: false, error: 'Please use at most 3 characters.' });
    expect(parseInputAnswer({ type: 'Input.Text', id: 'code', regex: '^TUGI-\\d{4}-\\d{5}$', errorMessage: 'Kujul TUGI-AAAA-NNNNN' }, 'TUGI-1', 'et'))
      .toEqual({ ok: false, error: 'Kujul TUGI-AAAA-NNNNN' });
  });
});

describe('fillForm', () => {
  it('asks again after a wrong answer and returns only the filled values', async () => {
    const typed = ['', 'STAR ei avane', 'x', '3', ''];
    const written: string[] = [];
    const values = await fillForm(inputs, { ask: async () => typed.shift(), write: (text) => written.push(text), lang: 'et' });
    expect(values).toEqual({ subject: 'STAR ei avane', priority: 'low' });
    expect(written.join('')).toContain('See väli on kohustuslik.');
    expect(written.join('')).toContain('Palun vali number 1–3.');
  });

  it('gives nothing back when the person cancels', async () => {
    const typed = ['Teema', '/cancel'];
    expect(await fillForm(inputs, { ask: async () => typed.shift(), write: () => undefined, lang: 'et' })).toBeUndefined();
  });
});
