import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrometheusMetrics } from '../../../src/http/prometheus-metrics.js';
import { GAUGES } from '../../../src/shared/metrics.js';

const PROMETHEUS_DIR = join(process.cwd(), 'deploy', 'prometheus');
const RULES = join(PROMETHEUS_DIR, 'tugibot-alerts.yml');
const DASHBOARD = join(process.cwd(), 'deploy', 'grafana', 'tugibot-dashboard.json');

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const hasPromtool = promtool.status === 0;
if (!hasPromtool) {
  process.stderr.write('SKIPPED: promtool is not installed, so the alert rules were not checked. Install it with `apt-get install prometheus` (Debian) or run .ci/run.\n');
}

/** The series names the exporter serves (histograms with their _bucket, _sum and _count). */
async function servedNames(): Promise<Set<string>> {
  const metrics = new PrometheusMetrics();
  for (const key of Object.keys(GAUGES) as Array<keyof typeof GAUGES>) metrics.gauge(key, () => 0);
  const { body } = await metrics.render();
  const names = new Set<string>();
  for (const match of body.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(match[1]);
    if (match[2] === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(match[1] + suffix);
  }
  return names;
}

function referencedNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\b(?:tugibot|process|nodejs)_[a-z0-9_]+/g)].map((match) => match[0]))];
}

describe('deploy/: the alert rules and the Grafana dashboard', () => {
  it('uses only metrics the exporter serves', async () => {
    const served = await servedNames();
    const rules = referencedNames(readFileSync(RULES, 'utf8'));
    const dashboard = referencedNames(readFileSync(DASHBOARD, 'utf8'));
    expect(rules.length).toBeGreaterThan(4);
    expect(dashboard.length).toBeGreaterThan(10);
    expect([...rules, ...dashboard].filter((name) => !served.has(name))).toEqual([]);
  });

  it('has a dashboard whose every panel queries Prometheus', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
    expect(dashboard.uid).toBe('tugibot');
    for (const panel of dashboard.panels) expect({ panel: panel.title, queries: panel.targets.filter((target) => target.expr.includes('job="tugibot"')).length }).toEqual({ panel: panel.title, queries: panel.targets.length });
  });

  (hasPromtool ? it : it.skip)('passes `promtool check rules`, the rules\' unit tests and `promtool check config`', () => {
    const run = (...args: string[]) => spawnSync('promtool', args, { cwd: PROMETHEUS_DIR, encoding: 'utf8' });
    const checked = run('check', 'rules', 'tugibot-alerts.yml');
    expect({ status: checked.status, out: checked.stdout + checked.stderr }).toMatchObject({ status: 0, out: expect.stringContaining('SUCCESS: 9 rules found') });
    const tested = run('test', 'rules', 'tugibot-alerts.test.yml');
    expect({ status: tested.status, out: tested.stdout + tested.stderr }).toMatchObject({ status: 0 });
    const config = run('check', 'config', '--syntax-only', 'prometheus.yml');
    expect({ status: config.status, out: config.stdout + config.stderr }).toMatchObject({ status: 0 });
  });
});
