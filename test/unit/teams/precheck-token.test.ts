import { precheckToken } from '../../../src/teams/precheck-token.js';

const APP = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (header: unknown, claims: unknown) => `Bearer ${part(header)}.${part(claims)}.c2lnbmF0dXJl`;

describe('precheckToken: what can be known of a Bot Framework token before the body is read', () => {
  const now = 1_800_000_000;

  it('admits a well-formed RS256 token for this bot that has not expired', () => {
    expect(precheckToken(token({ alg: 'RS256', kid: 'k' }, { aud: APP, exp: now + 600 }), APP, now)).toBeUndefined();
    expect(precheckToken(token({ alg: 'RS512' }, { aud: [APP.toUpperCase()], exp: now - 100 }), APP, now)).toBeUndefined();
  });

  it('refuses a missing header, another scheme, junk, alg none, another audience and an expired token', () => {
    expect(precheckToken(undefined, APP, now)).toMatch(/token is required/);
    const refused = [
      `Basic ${part({})}`,
      'Bearer abc',
      'Bearer a.b.c',
      `Bearer ${'a'.repeat(20_000)}.b.c`,
      token({ alg: 'none' }, { aud: APP, exp: now + 600 }),
      token({ alg: 'HS256' }, { aud: APP, exp: now + 600 }),
      token({ alg: 'RS256' }, { aud: 'someone-else', exp: now + 600 }),
      token({ alg: 'RS256' }, { aud: APP }),
      token({ alg: 'RS256' }, { aud: APP, exp: now - 301 }),
      token({ alg: 'RS256' }, [APP]),
    ];
    for (const header of refused) expect(precheckToken(header, APP, now)).toBe('The Bot Framework token is not valid for this bot.');
  });
});
