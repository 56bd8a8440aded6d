import { readFileSync } from 'node:fs';
import { parseCatalogue } from '../../../src/features/access/catalogue.js';
import { checkRow, parseSubstitutionCsv, restoreLines } from '../../../src/features/access/parse-substitutions.js';
import { auditCsv, dutyViolation, endingCsv, holdersCsv, tasksCsv, csvField } from '../../../src/features/access/reports.js';
import type { AccessTask, AuditEntry, Grant } from '../../../src/features/access/model.js';

const catalogue = parseCatalogue(JSON.parse(readFileSync('src/features/access/catalogue.json', 'utf8')));
const csv = readFileSync('test/fixtures/substitutions.csv', 'utf8');

describe('the substitution CSV', () => {
  it('reads rows with their line numbers and reports a row with the wrong number of fields', () => {
    const { rows, problems } = parseSubstitutionCsv(csv);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 7]);
    expect(problems).toEqual([{ line: 6, reason: expect.objectContaining({ en: 'the row has 3 fields, 5 are needed' }) }]);
  });

  it('restores the rows of a message whose line breaks Teams folded into spaces', () => {
    const folded = csv.replace(/\s+/g, ' ');
    expect(parseSubstitutionCsv(restoreLines(folded))).toEqual(parseSubstitutionCsv(csv));
    expect(restoreLines('person,substitute,from,to,rights a,b,2026-12-01,2026-12-02,"x y"')).toBe('person,substitute,from,to,rights\na,b,2026-12-01,2026-12-02,"x y"');
  });

  it('accepts Estonian headers and reports a wrong header', () => {
    expect(parseSubstitutionCsv('isik,asendaja,alates,kuni,õigused\na,b,c,d,e').rows).toHaveLength(1);
    expect(parseSubstitutionCsv('who,when\na,b').problems[0]).toMatchObject({ line: 1, reason: { en: 'the header must be person,substitute,from,to,rights' } });
  });

  it('resolves "sama" to the absent person\'s pension-register roles', () => {
    const person = { id: 'kati', name: 'Kati' };
    const row = { line: 2, person: 'kati', substitute: 'mari', from: '2026-12-01', to: '2026-12-14', rights: 'SAMA' };
    const context = { person, substitute: { id: 'mari', name: 'Mari' }, pensionRoles: ['skais.pension-register'], today: '2026-11-26' };
    expect(checkRow(catalogue, row, context)).toEqual({ ok: expect.objectContaining({ roles: ['skais.pension-register'] }) });
    expect(checkRow(catalogue, row, { ...context, pensionRoles: [] })).toEqual({ problem: expect.objectContaining({ en: 'Kati holds no pension register rights to pass on' }) });
    expect(checkRow(catalogue, { ...row, substitute: 'kati' }, { ...context, substitute: person })).toEqual({ problem: expect.objectContaining({ en: 'a person cannot substitute for themselves' }) });
  });
});

describe('CSV reports', () => {
  const grant = (over: Partial<Grant>): Grant => ({
    id: 'g', subject: { id: 'kati', name: 'Kati, K.' }, system: 'SKAIS', role: 'skais.account', since: '2026-11-01', source: 'LIG-2026-00001',
    state: 'active', grantedBy: { id: 'siim', name: 'Siim' }, grantedAt: '2026-11-01T08:00:00Z', ...over,
  });

  it('quotes fields that need it', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(holdersCsv(catalogue, [grant({})]).split('\n')[1]).toBe('SKAIS,skais.account,SKAISi kasutajakonto,kati,"Kati, K.",2026-11-01,,active,LIG-2026-00001');
  });

  it('lists rights ending within N days, soonest first', () => {
    const grants = [grant({ id: '1', until: '2026-12-10' }), grant({ id: '2', until: '2026-12-01' }), grant({ id: '3', until: '2027-02-01' }), grant({ id: '4' })];
    const lines = endingCsv(catalogue, grants, '2026-11-26', 10).split('\n');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['2026-12-01']);
    expect(endingCsv(catalogue, grants, '2026-11-26', 30).split('\n')).toHaveLength(3);
  });

  it('lists open tasks with days overdue', () => {
    const task = { id: 'LIG-2026-00001/2', kind: 'revoke', subject: { id: 'kati', name: 'Kati' }, system: 'SKAIS', roles: ['skais.account'], due: '2026-11-20', state: 'open' } as AccessTask;
    expect(tasksCsv([task, { ...task, id: 'x', state: 'done' }], '2026-11-26').split('\n')).toEqual([
      'task,kind,person,system,roles,due,days_overdue,in_channel', 'LIG-2026-00001/2,revoke,Kati,SKAIS,skais.account,2026-11-20,6,no',
    ]);
  });
});

describe('the audit report', () => {
  const entry = (over: Partial<AuditEntry>): AuditEntry => ({
    id: 'x', at: '2026-11-26T08:00:00Z', actor: { id: 'SIIM', name: 'Siim' }, action: 'granted', ref: 'ASE-2026-00001/1', subject: { id: 'siim', name: 'Siim' }, ...over,
  });

  it('flags whoever approved or carried out a grant to themself, or recorded themself as a substitute', () => {
    expect(dutyViolation(entry({}))).toBe('self-grant');
    expect(dutyViolation(entry({ action: 'approved' }))).toBe('self-approval');
    expect(dutyViolation(entry({ action: 'substitution-approved' }))).toBe('self-approval');
    expect(dutyViolation(entry({ action: 'substitution-recorded' }))).toBe('self-substitution');
    expect(dutyViolation(entry({ subject: { id: 'kati', name: 'Kati' } }))).toBe('');
    expect(dutyViolation(entry({ action: 'revoked' }))).toBe('');
    expect(auditCsv([entry({})]).split('\n')).toEqual([
      'at,action,actor,ref,person,system,roles,detail,violation', '2026-11-26T08:00:00Z,granted,Siim,ASE-2026-00001/1,Siim,,,,self-grant',
    ]);
  });
});
