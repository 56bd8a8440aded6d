import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES, loadConfig } from '../../../src/config.js';
import { problemsOf } from '../../support/config-problems.js';

const APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const TENANT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('loadConfig', () => {
  it('starts in local mode on the embedded defaults', () => {
    const config = loadConfig({});
    expect(config.localMode).toBe(true);
    expect(config.port).toBe(3978);
    expect(config.dataDir).toBe('./data');
    expect(config.knowledgeDir).toBe('./knowledge');
    expect(config.defaultLocale).toBe('et-EE');
    expect(config.bot.appType).toBe('SingleTenant');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('refuses production without credentials, naming the variable', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.join('\n')).toMatch(/MicrosoftAppId: is empty, but NODE_ENV=production/);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DEFAULT_LOCALE: 'fr-FR',
      MicrosoftAppId: 'not-a-guid',
      SPECIALISTS: 'abc',
      SPECIALISTS_CHANNEL_ID: 'general',
      KB_ANSWER_THRESHOLD: '2',
    });
    for (const name of ['PORT', 'LOG_LEVEL', 'DEFAULT_LOCALE', 'SPECIALISTS_CHANNEL_ID', 'KB_ANSWER_THRESHOLD']) {
      expect(problems.some((problem) => problem.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('checks the credentials of a single-tenant registration together', () => {
    const problems = problemsOf({ MicrosoftAppId: APP_ID });
    expect(problems.some((problem) => problem.startsWith('MicrosoftAppPassword:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('MicrosoftAppTenantId:'))).toBe(true);
  });

  it('allows the app tenant by default and lower-cases specialists', () => {
    const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT, SPECIALISTS: `${APP_ID.toUpperCase()}, ${TENANT}` });
    expect(config.localMode).toBe(false);
    expect(config.allowedTenants).toEqual([TENANT]);
    expect(config.specialists).toEqual([APP_ID, TENANT]);
  });

  it('refuses TUGIBOT_NOW in production and accepts it elsewhere', () => {
    expect(problemsOf({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT, TUGIBOT_NOW: '2026-12-01T08:00:00Z' }))
      .toEqual(['TUGIBOT_NOW: must not be set when NODE_ENV=production']);
    expect(loadConfig({ TUGIBOT_NOW: '2026-12-01T08:00:00Z' }).startAt?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('keeps metrics off by default and refuses a short METRICS_TOKEN or METRICS_PORT equal to PORT', () => {
    expect(loadConfig({}).metrics).toEqual({ token: '', port: 0 });
    expect(problemsOf({ METRICS_TOKEN: 'short', METRICS_PORT: '3978' })).toEqual([
      'METRICS_TOKEN: must be at least 16 characters',
      'METRICS_PORT: must differ from PORT (the metrics port listens on loopback only)',
    ]);
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16), METRICS_PORT: '9464' }).metrics).toEqual({ token: 'a'.repeat(16), port: 9464 });
  });

  it('has .env.example list exactly the variables it reads', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const listed = example.split('\n').map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1]).filter((name): name is string => Boolean(name));
    expect([...listed].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
