import { followedSystemOf, openIncident, reviseIncident, INCIDENT_RESOLVED, type IncidentContent } from '../../../src/features/incidents/incident.js';
import { alertGroupToInput, parseAlertmanager } from '../../../src/features/incidents/alertmanager-input.js';
import { parseIncidentInput } from '../../../src/features/incidents/incident-input.js';
import { planAudience } from '../../../src/features/incidents/plan-audience.js';
import type { ConversationAddress } from '../../../src/shared/messaging.js';

const content: IncidentContent = { systems: ['SKAIS'], severity: 'major', status: 'investigating', title: 'SKAIS on aeglane', description: 'Uurime.' };
const by = { source: 'webhook' as const };
const now = new Date('2026-11-26T08:00:00Z');

describe('incident rules', () => {
  it('opens at version 1 with a history entry and the ref defaulting to the id', () => {
    const incident = openIncident(content, { id: 'RIKE-1', now, by });
    expect(incident).toMatchObject({ id: 'RIKE-1', ref: 'RIKE-1', version: 1, startsAt: now.toISOString() });
    expect(incident.history).toHaveLength(1);
  });

  it('revises only when something people see changed, and stamps the resolution', () => {
    const incident = openIncident(content, { id: 'RIKE-1', now, by });
    expect(reviseIncident(incident, { ...content }, now, by).changed).toBe(false);
    const later = new Date('2026-11-26T09:00:00Z');
    const { incident: resolved, changed } = reviseIncident(incident, { ...content, status: 'resolved' }, later, by);
    expect(changed).toBe(true);
    expect(resolved).toMatchObject({ version: 2, status: 'resolved', resolvedAt: later.toISOString() });
    expect(resolved.history.map((entry) => entry.status)).toEqual(['investigating', 'resolved']);
    expect(reviseIncident(resolved, { ...content, status: 'resolved' }, later, by).changed).toBe(false);
    expect(() => reviseIncident(resolved, content, later, by)).toThrow(INCIDENT_RESOLVED);
  });

  it('maps modules to the system people follow', () => {
    expect(followedSystemOf('SKAIS/pensionid')).toBe('SKAIS');
    expect(followedSystemOf('star')).toBe('STAR');
    expect(followedSystemOf('Dokumendihaldus')).toBe('other');
  });
});

describe('incident input', () => {
  it('names the bad field', () => {
    const parsed = parseIncidentInput({ ...content, severity: 'huge' });
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/^severity: must be one of critical, major, minor/) });
    expect(parseIncidentInput({ ...content, systems: [] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^systems:/) });
    expect(parseIncidentInput({ ...content, colour: 'red' })).toMatchObject({ ok: false });
    expect(parseIncidentInput(content)).toMatchObject({ ok: true });
  });
});

describe('Alertmanager mapping', () => {
  const payload = (status: 'firing' | 'resolved', severity = 'warning') => ({
    version: '4', groupKey: '{}:{alertname="SkaisDown"}', status, receiver: 'tugibot', groupLabels: {}, externalURL: 'http://am',
    commonLabels: { alertname: 'SkaisDown', system: 'SKAIS' }, commonAnnotations: { summary: 'SKAIS ei vasta', description: 'Pensionide moodul ei avane.' },
    alerts: [{ status, labels: { alertname: 'SkaisDown', system: 'SKAIS', severity }, annotations: {}, startsAt: '2026-11-26T07:55:00Z', endsAt: '0001-01-01T00:00:00Z' }],
  });

  it('uses the group key as ref and maps severity, system and annotations', () => {
    const parsed = parseAlertmanager(payload('firing', 'critical'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(alertGroupToInput(parsed.value)).toEqual({ ok: true, value: {
      ref: '{}:{alertname="SkaisDown"}', systems: ['SKAIS'], severity: 'critical', status: 'investigating',
      title: 'SKAIS ei vasta', description: 'Pensionide moodul ei avane.', startsAt: '2026-11-26T07:55:00.000Z',
    } });
  });

  it('resolves on resolved, maps warning and info, refuses a group without a system', () => {
    const resolved = parseAlertmanager(payload('resolved', 'info'));
    if (!resolved.ok) throw new Error(resolved.reason);
    expect(alertGroupToInput(resolved.value)).toMatchObject({ ok: true, value: { status: 'resolved', severity: 'minor' } });
    const noSystem = parseAlertmanager({ ...payload('firing'), commonLabels: {}, alerts: [] });
    if (!noSystem.ok) throw new Error(noSystem.reason);
    expect(alertGroupToInput(noSystem.value)).toMatchObject({ ok: false, reason: expect.stringMatching(/system/) });
    expect(parseAlertmanager({ ...payload('firing'), version: '3' })).toMatchObject({ ok: false });
  });
});

describe('planAudience', () => {
  const person = (id: string): ConversationAddress => ({ channel: 'msteams', serviceUrl: 'http://x', conversationId: `a:${id}`, kind: 'personal', bot: { id: '28:b' }, user: { teamsId: `29:${id}`, aadObjectId: id }, locale: id === 'en' ? 'en-US' : undefined });
  const channel: ConversationAddress = { channel: 'msteams', serviceUrl: 'http://x', conversationId: '19:c@thread.tacv2', channelId: '19:c@thread.tacv2', kind: 'channel', bot: { id: '28:b' } };

  it('sends channels everything and people what they follow, in their language', () => {
    const followed = (id: string) => (id === 'star-only' ? (['STAR'] as const).slice() : (['SKAIS', 'STAR', 'other'] as const).slice());
    const targets = planAudience(['SKAIS/pensionid'], { channels: [{ address: channel, specialists: true }, { address: channel, specialists: false }], people: [person('all'), person('star-only'), person('en')], followed, defaultLang: 'et' });
    expect(targets.map((target) => [target.key, target.lang, target.specialists])).toEqual([
      ['channel:19:c@thread.tacv2', 'et', true],
      ['personal:a:all', 'et', undefined],
      ['personal:a:en', 'en', undefined],
    ]);
  });
});
