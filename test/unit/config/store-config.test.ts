import { loadConfig, redactDatabaseUrl } from '../../../src/config.js';
import { problemsOf } from '../../support/config-problems.js';

const APP = { MicrosoftAppId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };

describe('STORE and DATABASE_URL', () => {
  it('keeps lowdb as the default and needs no database for it', () => {
    expect(loadConfig({}).store).toEqual({ kind: 'lowdb', databaseUrl: '', redactedUrl: '(unreadable DATABASE_URL)' });
    expect(loadConfig({ NODE_ENV: 'production', ...APP }).store.kind).toBe('lowdb');
  });

  it('refuses STORE=postgres in production without DATABASE_URL, and assumes a local database outside production', () => {
    expect(problemsOf({ NODE_ENV: 'production', ...APP, STORE: 'postgres' })).toEqual([
      'DATABASE_URL: is required when STORE=postgres and NODE_ENV=production (e.g. postgres://tugibot@db.example:5432/tugibot)',
    ]);
    expect(loadConfig({ STORE: 'postgres' }).store.databaseUrl).toBe('postgres://localhost:5432/tugibot');
    expect(problemsOf({ STORE: 'mongodb' })).toEqual(['STORE: must be lowdb or postgres']);
  });

  it('never repeats the password: not in a refusal, not in the address for logs', () => {
    const url = 'postgres://tugibot:S3cret-pw@db.internal:5432/tugibot';
    const config = loadConfig({ NODE_ENV: 'production', ...APP, STORE: 'postgres', DATABASE_URL: url });
    expect(config.store.databaseUrl).toBe(url);
    expect(config.store.redactedUrl).toBe('postgres://tugibot:***@db.internal:5432/tugibot');
    const bad = problemsOf({ STORE: 'postgres', DATABASE_URL: 'tugibot:S3cret-pw@db' });
    expect(bad).toHaveLength(1);
    expect(bad[0]).not.toContain('S3cret');
    expect(problemsOf({ STORE: 'postgres', DATABASE_URL: 'mysql://u:S3cret@db/x' })).toEqual(['DATABASE_URL: must start with postgres:// or postgresql://, got "mysql://..."']);
    expect(redactDatabaseUrl('postgresql://only-user@h/db')).toBe('postgresql://only-user@h/db');
  });
});
