import { loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/shared/errors.js';
import { decideMonitoring } from '../../../src/features/incidents/monitoring-intake.js';
import { autoPublishes, templateContent } from '../../../src/features/incidents/notice-template.js';
import { webhookDetails } from '../../../src/features/incidents/alert-details.js';
import type { IncidentInput } from '../../../src/features/incidents/incident-input.js';

const now = new Date('2026-12-07T08:10:00Z');
const alert: IncidentInput = { ref: 'g1', systems: ['STAR'], severity: 'critical', status: 'investigating', title: 'probe_success == 0 on star-web3', description: 'blackbox', startsAt: '2026-12-07T08:05:00Z' };
const ctx = (rules: Array<{ system: string; severity: string }>) => ({ alert: webhookDetails(alert, now), rules, now, by: { source: 'webhook' as const }, newId: () => 'RIKE-20261207-0001' });

describe('monitoring\'s alerts: template text and the operator\'s rule', () => {
  it('reads NOTICE_AUTO_PUBLISH as system:severity pairs and names a bad one', () => {
    expect(loadConfig({ NOTICE_AUTO_PUBLISH: 'star:Critical, SKAIS:critical' }).noticeAutoPublish).toEqual([{ system: 'STAR', severity: 'critical' }, { system: 'SKAIS', severity: 'critical' }]);
    expect(() => loadConfig({ NOTICE_AUTO_PUBLISH: 'STAR:down' })).toThrow(ConfigError);
    expect(loadConfig({}).noticeAutoPublish).toEqual([]);
  });

  it('writes the user-facing text from the template, in Tallinn time, in both languages', () => {
    const content = templateContent(alert, now);
    expect(content).toMatchObject({ title: 'STAR ei tööta', titleEn: 'STAR is down', status: 'investigating' });
    expect(content.description).toBe('STAR ei tööta alates 07.12.2026 10:05. Tegeleme sellega ja anname teada, kui olukord muutub.');
    expect(templateContent({ ...alert, severity: 'major' }, now).descriptionEn).toMatch(/^STAR has been slower than usual since 07\.12\.2026 10:05/);
  });

  it('publishes at once only when every system and the severity match a rule', () => {
    expect(autoPublishes([{ system: 'STAR', severity: 'critical' }], ['STAR'], 'critical')).toBe(true);
    expect(autoPublishes([{ system: 'STAR', severity: 'critical' }], ['STAR'], 'major')).toBe(false);
    expect(autoPublishes([{ system: 'STAR', severity: 'critical' }], ['STAR', 'SKAIS'], 'critical')).toBe(false);
    expect(autoPublishes([], ['STAR'], 'critical')).toBe(false);
  });

  it('opens a draft for the desk, or a published notice under a rule, never with the alert\'s words', () => {
    const draft = decideMonitoring(undefined, alert, ctx([]));
    expect(draft).toMatchObject({ outcome: 'created', reach: 'desk', incident: { stage: 'draft', title: 'STAR ei tööta' } });
    const auto = decideMonitoring(undefined, alert, ctx([{ system: 'STAR', severity: 'critical' }]));
    expect(auto).toMatchObject({ reach: 'everyone', incident: { stage: 'published', publishedBy: { auto: true } } });
    const { alert: raw, history: _history, ...shown } = auto.incident;
    expect(raw?.summary).toContain('star-web3');
    expect(JSON.stringify(shown)).not.toMatch(/star-web3|probe_success|blackbox/);
  });

  it('withdraws a draft on resolution and resolves a published notice', () => {
    const draft = decideMonitoring(undefined, alert, ctx([])).incident;
    expect(decideMonitoring(draft, { ...alert, status: 'resolved' }, ctx([]))).toMatchObject({ reach: 'desk', incident: { stage: 'withdrawn', status: 'resolved', version: 2 } });
    const published = decideMonitoring(undefined, alert, ctx([{ system: 'STAR', severity: 'critical' }])).incident;
    expect(decideMonitoring(published, { ...alert, status: 'resolved' }, ctx([]))).toMatchObject({ reach: 'everyone', incident: { stage: 'published', status: 'resolved', title: 'STAR ei tööta' } });
    // Still firing with new words: the desk's card only; nobody is told again.
    expect(decideMonitoring(published, { ...alert, description: 'other words' }, ctx([]))).toMatchObject({ outcome: 'unchanged', reach: 'none' });
  });
});
