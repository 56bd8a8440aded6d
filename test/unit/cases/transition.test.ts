import { transition, type Actor, type CaseRules } from '../../../src/features/cases/transition.js';
import { newCase } from '../../../src/features/cases/new-case.js';
import { formatCaseNumber, parseCaseNumber } from '../../../src/features/cases/case-number.js';
import { draftArticleText } from '../../../src/features/cases/draft-article.js';
import { isDomainError } from '../../../src/shared/errors.js';
import { say } from '../../../src/shared/i18n.js';
import type { Case } from '../../../src/features/cases/case.js';

const rules: CaseRules = { reopenDays: 14, dueHours: { critical: 4, high: 8, normal: 24, low: 72 } };
const now = new Date('2026-11-26T08:00:00Z');
const kati: Actor = { aadObjectId: 'kati', name: 'Kati Kasutaja', role: 'requester' };
const siim: Actor = { aadObjectId: 'siim', name: 'Siim Spetsialist', role: 'specialist' };
const juhan: Actor = { aadObjectId: 'juhan', name: 'Juhan Teine', role: 'specialist' };

function fresh(): Case {
  return newCase('TUGI-2026-00001', { system: 'SKAIS', kind: 'broken', urgency: 'high', description: 'Nupp ei tööta' }, { aadObjectId: 'kati', name: 'Kati Kasutaja' }, now, rules);
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('case state machine', () => {
  it('opens a case with its due time from the urgency and one history entry', () => {
    const item = fresh();
    expect(item).toMatchObject({ status: 'new', version: 1, dueAt: '2026-11-26T16:00:00.000Z' });
    expect(item.history).toHaveLength(1);
  });

  it('refuses unknown form values and an empty description', () => {
    const requester = { aadObjectId: 'kati', name: 'Kati' };
    expect(codeOf(() => newCase('X', { system: 'X', kind: 'usage', urgency: 'low', description: 'a' }, requester, now, rules))).toBe('CASE_BAD_INPUT');
    expect(codeOf(() => newCase('X', { system: 'STAR', kind: 'usage', urgency: 'low', description: ' ' }, requester, now, rules))).toBe('CASE_MISSING_INPUT');
  });

  it('walks take, escalate, wait, reply and resolve, recording who and when', () => {
    let item = transition(fresh(), { type: 'take' }, siim, now, rules);
    expect(item).toMatchObject({ status: 'in_progress', assignee: { aadObjectId: 'siim' }, version: 2 });
    item = transition(item, { type: 'escalate', escalation: { to: 'third_party', name: 'Tarnija OÜ', summary: 'x' } }, siim, now, rules);
    expect(item.status).toBe('escalated');
    item = transition(item, { type: 'wait_for_user', note: 'Mis kuupäeval?' }, siim, now, rules);
    item = transition(item, { type: 'user_replied' }, kati, now, rules);
    item = transition(item, { type: 'resolve', resolution: { text: 'Parandatud' } }, siim, now, rules);
    expect(item.status).toBe('resolved');
    expect(item.history.map((entry) => `${entry.event}:${entry.from}->${entry.to}:${entry.by.aadObjectId}`)).toEqual([
      'open:new->new:kati', 'take:new->in_progress:siim', 'escalate:in_progress->escalated:siim',
      'wait_for_user:escalated->waiting_for_user:siim', 'user_replied:waiting_for_user->in_progress:kati', 'resolve:in_progress->resolved:siim',
    ]);
    expect(item.version).toBe(6);
  });

  it('refuses illegal transitions and the wrong roles with codes', () => {
    const item = fresh();
    expect(codeOf(() => transition(item, { type: 'reopen' }, kati, now, rules))).toBe('CASE_ILLEGAL_TRANSITION');
    const refusal = (() => { try { transition(item, { type: 'reopen' }, kati, now, rules); } catch (error) { return error; } })();
    if (!isDomainError(refusal)) throw new Error('expected a DomainError');
    expect(say(refusal.userText, 'et', refusal.vars)).toBe('Pöördumisega TUGI-2026-00001 ei saa seda teha („ava uuesti“), sest selle olek on „uus“.');
    expect(say(refusal.userText, 'en', refusal.vars)).toBe('Case TUGI-2026-00001 cannot be changed this way ("reopen") because its status is "new".');
    expect(codeOf(() => transition(item, { type: 'take' }, kati, now, rules))).toBe('CASE_NOT_SPECIALIST');
    const taken = transition(item, { type: 'take' }, siim, now, rules);
    expect(codeOf(() => transition(taken, { type: 'take' }, siim, now, rules))).toBe('CASE_ALREADY_YOURS');
    expect(transition(taken, { type: 'take' }, juhan, now, rules).assignee?.aadObjectId).toBe('juhan');
  });

  it('lets only the requester reopen, within the reopen window', () => {
    const resolved = transition(transition(fresh(), { type: 'take' }, siim, now, rules), { type: 'resolve', resolution: { text: 'ok' } }, siim, now, rules);
    const mari: Actor = { aadObjectId: 'mari', name: 'Mari', role: 'requester' };
    expect(codeOf(() => transition(resolved, { type: 'reopen' }, mari, now, rules))).toBe('CASE_NOT_REQUESTER');
    const later = new Date(now.getTime() + 15 * 86_400_000);
    expect(codeOf(() => transition(resolved, { type: 'reopen' }, kati, later, rules))).toBe('CASE_REOPEN_EXPIRED');
    const reopened = transition(resolved, { type: 'reopen' }, kati, new Date(now.getTime() + 86_400_000), rules);
    expect(reopened).toMatchObject({ status: 'in_progress' });
    expect(reopened.resolution).toBeUndefined();
  });

  it('keeps one specialist per handoff and ends it on resolve', () => {
    const chatting = transition(fresh(), { type: 'handoff_start' }, siim, now, rules);
    expect(chatting).toMatchObject({ status: 'in_progress', handoff: { specialist: { aadObjectId: 'siim' } } });
    expect(transition(chatting, { type: 'handoff_start' }, siim, now, rules)).toBe(chatting);
    expect(codeOf(() => transition(chatting, { type: 'handoff_start' }, juhan, now, rules))).toBe('CASE_HANDOFF_BUSY');
    expect(transition(chatting, { type: 'resolve', resolution: { text: 'ok' } }, siim, now, rules).handoff).toBeUndefined();
    const ended = transition(chatting, { type: 'handoff_end' }, kati, now, rules);
    expect(codeOf(() => transition(ended, { type: 'handoff_end' }, kati, now, rules))).toBe('CASE_NO_HANDOFF');
  });

  it('refuses every change to a closed case', () => {
    const resolved = transition(fresh(), { type: 'resolve', resolution: { text: 'ok' } }, siim, now, rules);
    const closed = transition(resolved, { type: 'close' }, { aadObjectId: 'system', name: 'tugibot', role: 'system' }, now, rules);
    expect(codeOf(() => transition(closed, { type: 'take' }, siim, now, rules))).toBe('CASE_CLOSED');
  });
});

describe('case numbers and drafts', () => {
  it('formats and parses case numbers', () => {
    expect(formatCaseNumber(2026, 42)).toBe('TUGI-2026-00042');
    expect(parseCaseNumber('tugi-2026-42')).toBe('TUGI-2026-00042');
    expect(parseCaseNumber('TUGI-2026-00042')).toBe('TUGI-2026-00042');
    expect(parseCaseNumber('42')).toBeUndefined();
  });

  it('writes a draft article with front matter and masked personal codes', () => {
    const item = { ...fresh(), question: 'Miks 39001010000 andmed ei salvestu?' };
    const text = draftArticleText(item, 'Isik 39001010000 parandati.', '2026-11-26');
    expect(text).toContain('id: tugi-2026-00001');
    expect(text).toContain('draft: true');
    expect(text).toContain('  - "pöördumine TUGI-2026-00001"');
    expect(text).not.toContain('39001010000');
  });
});
