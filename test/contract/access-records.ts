import type { AccessRequest, AccessTask, Grant, Substitution } from '../../src/features/access/model.js';

/** Small, complete access records for the contract suites. */
export const mari = { id: 'aaaa-mari', name: 'Mari Maasikas' };
export const jaan = { id: 'bbbb-jaan', name: 'Jaan Juht' };
export const siim = { id: 'cccc-siim', name: 'Siim Spetsialist' };

export const request = (id: string, extra: Partial<AccessRequest> = {}): AccessRequest => ({
  id, kind: 'grant', requester: mari, subject: mari, system: 'STAR', roles: ['STAR_VAATAJA'], justification: 'töö',
  start: '2026-12-01', flags: [], approverIds: [jaan.id], state: 'pending', createdAt: '2026-11-30T08:00:00.000Z',
  approvalCards: [], lang: 'et', ...extra,
});

export const decided = (item: AccessRequest, by = jaan, approved = true): AccessRequest => ({
  ...item, state: approved ? 'approved' : 'rejected', decision: { by, at: '2026-11-30T09:00:00.000Z', approved, comment: approved ? '' : 'ei', acknowledged: false },
});

export const task = (id: string, extra: Partial<AccessTask> = {}): AccessTask => ({
  id, kind: 'grant', source: id.split('/')[0], subject: mari, requesterId: mari.id, lang: 'et', system: 'STAR', roles: ['STAR_VAATAJA'],
  due: '2026-12-01', state: 'open', createdAt: '2026-11-30T08:00:00.000Z', dependents: [], ...extra,
});

export const grant = (id: string, extra: Partial<Grant> = {}): Grant => ({
  id, subject: mari, system: 'STAR', role: 'STAR_VAATAJA', since: '2026-12-01', source: 'LIG-2026-00001', state: 'active',
  grantedBy: siim, grantedAt: '2026-12-01T08:00:00.000Z', ...extra,
});

export const substitution = (id: string, extra: Partial<Substitution> = {}): Substitution => ({
  id, person: mari, substitute: jaan, from: '2026-12-10', to: '2026-12-20', roles: ['STAR_VAATAJA'], basis: 'order',
  createdBy: siim, createdAt: '2026-11-30T08:00:00.000Z', taskIds: [], state: 'pending', ...extra,
});
