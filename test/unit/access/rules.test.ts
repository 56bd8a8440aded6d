import { readFileSync } from 'node:fs';
import { loadCatalogue, parseCatalogue, type Catalogue } from '../../../src/features/access/catalogue.js';
import { assessRoles, validateRequest } from '../../../src/features/access/assess-request.js';
import { approversFor } from '../../../src/features/access/approvers-for.js';
import { decideRequest } from '../../../src/features/access/decide-request.js';
import { tasksForRequest, tasksForSubstitution } from '../../../src/features/access/plan-tasks.js';
import { closeTask, grantChanges } from '../../../src/features/access/complete-task.js';
import { scanDue } from '../../../src/features/access/scan-due.js';
import { addDays, dayOf, readDay } from '../../../src/features/access/dates.js';
import type { AccessRequest, Grant, Substitution } from '../../../src/features/access/model.js';

const FILE = 'src/features/access/catalogue.json';
const raw = JSON.parse(readFileSync(FILE, 'utf8'));
const catalogue: Catalogue = parseCatalogue(raw);
const now = new Date('2026-11-26T08:00:00Z');
const KATI = { id: 'kati', name: 'Kati', jobTitle: 'Pensionide menetleja', department: 'Hüvitiste osakond', managerId: 'juht' };
const JUHT = { id: 'juht', name: 'Jaan', jobTitle: 'Hüvitiste osakonna juhataja', department: 'Hüvitiste osakond', managerId: 'tiina' };

function request(over: Partial<AccessRequest> = {}): AccessRequest {
  return {
    id: 'LIG-2026-00001', kind: 'grant', requester: { id: 'kati', name: 'Kati' }, subject: { id: 'kati', name: 'Kati' }, system: 'SKAIS',
    roles: ['skais.pension-register'], justification: 'tööks', start: '2026-11-26', end: '2026-12-31', flags: [], approverIds: ['juht'],
    state: 'pending', createdAt: now.toISOString(), approvalCards: [], lang: 'et', ...over,
  };
}

describe('the access catalogue', () => {
  it('ships a valid catalogue that loads from its file', async () => {
    const loaded = await loadCatalogue(FILE);
    expect(loaded.systems.map((system) => system.id)).toEqual(['SKAIS', 'STAR', 'MISP2', 'RR']);
    expect(loaded.systems.flatMap((system) => system.roles).filter((role) => role.pensionRegister).map((role) => role.id)).toEqual(['skais.pension-register']);
  });

  it('refuses a bad catalogue naming each problem and its path', () => {
    const bad = structuredClone(raw);
    bad.systems[0].roles.push({ ...bad.systems[0].roles[0] });
    bad.systems[1].approval = { manager: false, approvers: [] };
    bad.incompatible.push({ roles: ['skais.account', 'nope.role'], why: { et: 'x', en: 'x' } });
    expect(() => parseCatalogue(bad, 'bad.json')).toThrow(/ACCESS_CATALOGUE bad\.json is not a valid access catalogue: .*systems\.1\.approval.*needs the manager.*role skais\.account is listed twice.*unknown role nope\.role/);
  });

  it('refuses a file that is not JSON with a clear message', async () => {
    await expect(loadCatalogue('package-lock-missing.json')).rejects.toThrow(/ACCESS_CATALOGUE package-lock-missing\.json cannot be read as JSON/);
  });
});

describe('request rules', () => {
  it('flags roles outside the job description and incompatible combinations, both ways', () => {
    expect(assessRoles(catalogue, KATI, ['skais.pension-register'], [])).toEqual([]);
    expect(assessRoles(catalogue, KATI, ['skais.payments'], [])).toEqual([{ kind: 'job', role: 'skais.payments' }]);
    expect(assessRoles(catalogue, JUHT, ['skais.payments'], ['skais.decision'])).toContainEqual({ kind: 'combination', role: 'skais.payments', other: 'skais.decision' });
    expect(assessRoles(catalogue, JUHT, ['skais.decision'], ['skais.payments'])).toContainEqual({ kind: 'combination', role: 'skais.decision', other: 'skais.payments' });
  });

  it('validates the form in both languages', () => {
    const input = { kind: 'grant' as const, system: 'SKAIS', roles: ['star.billing'], justification: 'x', start: '2026-11-01', end: '2026-10-01' };
    try {
      validateRequest(catalogue, input, '2026-11-26');
      throw new Error('expected a DomainError');
    } catch (error) {
      expect((error as { code: string }).code).toBe('ACCESS_BAD_INPUT');
      expect((error as { userText: { et: string } }).userText.et).toMatch(/roll star\.billing ei kuulu süsteemi SKAIS; kirjuta põhjendus; alguskuupäev/);
    }
  });

  it('sends a request to the manager and named approvers, never to the requester', () => {
    const skais = catalogue.systems[0];
    const misp2 = catalogue.systems[2];
    expect(approversFor(catalogue, skais, KATI, KATI)).toEqual({ ids: ['juht'], fromCatalogue: false });
    expect(approversFor(catalogue, skais, KATI, JUHT)).toEqual({ ids: ['tiina'], fromCatalogue: false });
    expect(approversFor(catalogue, misp2, KATI, KATI)).toEqual({ ids: ['juht', 'e5e5e5e5-0000-4000-8000-000000000005'], fromCatalogue: false });
    expect(() => approversFor({ ...catalogue, approvers: [] }, skais, { id: 'x', name: 'X' }, { id: 'x', name: 'X' })).toThrow(/ACCESS_NO_APPROVER/);
  });

  it('never makes the subject an approver, whoever filed the request; with nobody left, the catalogue\'s named approvers decide', () => {
    const skais = catalogue.systems[0];
    const boss = { id: 'TIINA', name: 'Tiina' };
    const specialist = { id: 'siim', name: 'Siim', managerId: 'tiina' };
    expect(approversFor(catalogue, skais, boss, specialist)).toEqual({ ids: ['e5e5e5e5-0000-4000-8000-000000000005'], fromCatalogue: true });
    expect(approversFor(catalogue, skais, { ...KATI, managerId: 'SIIM' }, specialist)).toEqual({ ids: ['tiina'], fromCatalogue: false });
    const eve = { id: 'e5e5e5e5-0000-4000-8000-000000000005', name: 'Eve' };
    expect(() => approversFor(catalogue, skais, eve, eve)).toThrow(/ACCESS_NO_APPROVER/);
  });

  it('lets only an approver decide, once, with the acknowledgement for an exception and a comment to reject', () => {
    const juht = { id: 'JUHT', name: 'Jaan' };
    expect(() => decideRequest(request(), { id: 'mari', name: 'Mari' }, { approve: true, comment: '', acknowledged: false }, now)).toThrow(/ACCESS_NOT_APPROVER/);
    const ownRequest = request({ approverIds: ['juht', 'kati'] });
    expect(() => decideRequest(ownRequest, { id: 'kati', name: 'Kati' }, { approve: true, comment: '', acknowledged: false }, now)).toThrow(/ACCESS_OWN_GRANT/);
    const forTheApprover = request({ requester: { id: 'siim', name: 'Siim' }, subject: { id: 'juht', name: 'Jaan' }, approverIds: ['juht'] });
    expect(() => decideRequest(forTheApprover, { id: 'JUHT', name: 'Jaan' }, { approve: true, comment: '', acknowledged: true }, now)).toThrow(/ACCESS_OWN_GRANT/);
    const approved = decideRequest(request(), juht, { approve: true, comment: '', acknowledged: false }, now);
    expect(approved).toMatchObject({ state: 'approved', decision: { by: juht, approved: true } });
    expect(() => decideRequest(approved, juht, { approve: false, comment: 'ei', acknowledged: false }, now)).toThrow(/ACCESS_ALREADY_DECIDED/);
    const flagged = request({ flags: [{ kind: 'job', role: 'skais.payments' }] });
    expect(() => decideRequest(flagged, juht, { approve: true, comment: '', acknowledged: false }, now)).toThrow(/ACCESS_ACK_REQUIRED/);
    expect(decideRequest(flagged, juht, { approve: true, comment: '', acknowledged: true }, now).state).toBe('approved');
    expect(() => decideRequest(request(), juht, { approve: false, comment: ' ', acknowledged: false }, now)).toThrow(/ACCESS_COMMENT_REQUIRED/);
  });
});

describe('tasks and grants', () => {
  it('plans a grant and its revocation on the end date, and a substitution per system', () => {
    const tasks = tasksForRequest(request({ state: 'approved' }), [], now);
    expect(tasks.map((task) => [task.id, task.kind, task.due, task.until, task.dependents])).toEqual([
      ['LIG-2026-00001/1', 'grant', '2026-11-26', '2026-12-31', ['LIG-2026-00001/2']],
      ['LIG-2026-00001/2', 'revoke', '2026-12-31', undefined, []],
    ]);
    const substitution: Substitution = {
      id: 'ASE-2026-00001', person: { id: 'kati', name: 'Kati' }, substitute: { id: 'mari', name: 'Mari' }, from: '2026-12-01', to: '2026-12-14',
      roles: ['skais.pension-register', 'rr.query'], basis: 'schedule', createdBy: { id: 'siim', name: 'Siim' }, createdAt: now.toISOString(), taskIds: [],
    };
    expect(tasksForSubstitution(catalogue, substitution, now).map((task) => [task.kind, task.system, task.due])).toEqual([
      ['grant', 'SKAIS', '2026-12-01'], ['revoke', 'SKAIS', '2026-12-15'], ['grant', 'RR', '2026-12-01'], ['revoke', 'RR', '2026-12-15'],
    ]);
  });

  it('turns a done grant into grants, a revocation into ended grants, and needs a reason for impossible', () => {
    const siim = { id: 'siim', name: 'Siim' };
    const [grant, revoke] = tasksForRequest(request({ state: 'approved' }), [], now);
    const added = grantChanges(closeTask(grant, siim, 'done', '', now), [], siim, '2026-11-26', now).add;
    expect(added).toEqual([expect.objectContaining({ id: 'LIG-2026-00001:skais.pension-register', until: '2026-12-31', state: 'active' })]);
    const ended = grantChanges(revoke, added as Grant[], siim, '2026-12-31', now).end;
    expect(ended).toEqual([expect.objectContaining({ role: 'skais.pension-register', endedBy: siim })]);
    expect(() => closeTask(grant, siim, 'impossible', '', now)).toThrow(/ACCESS_REASON_REQUIRED/);
    expect(() => closeTask(closeTask(grant, siim, 'done', '', now), siim, 'done', '', now)).toThrow(/ACCESS_TASK_CLOSED/);
  });

  it('scans due dates: posts in the reminder window, reminds once, raises overdue', () => {
    const [grant, revoke] = tasksForRequest(request({ state: 'approved' }), [], now);
    const posted = { ...revoke, card: { address: {} as never, messageId: '1', postedOn: '2026-11-26' } };
    expect(scanDue([grant, revoke], '2026-11-26', 3)).toMatchObject({ post: [grant], remind: [], overdue: [] });
    expect(scanDue([posted], '2026-12-28', 3).remind).toEqual([posted]);
    expect(scanDue([{ ...posted, remindedOn: '2026-12-28' }], '2027-01-02', 3).overdue).toHaveLength(1);
  });

  it('uses Estonian calendar days', () => {
    expect(dayOf(new Date('2026-11-26T22:30:00Z'))).toBe('2026-11-27');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(readDay('1.12.2026')).toBe('2026-12-01');
    expect(readDay('2026-02-30')).toBeUndefined();
  });
});
