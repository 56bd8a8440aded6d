import { KATI, SIIM, TENANT, personalMessage } from '../support/activities.js';
import { startBot, textOf, type Harness } from '../support/bot-harness.js';
import { loadConfig } from '../../src/config.js';
import { GraphDirectory } from '../../src/features/directory/index.js';
import { FileDirectory } from '../../src/storage/file-directory.js';

const UPPER_KATI = { ...KATI, aadObjectId: KATI.aadObjectId.toUpperCase() };

describe('GUIDs are compared without regard to case', () => {
  let bot: Harness;
  beforeAll(async () => {
    bot = await startBot({ ALLOWED_TENANTS: TENANT.toUpperCase(), SPECIALISTS: SIIM.aadObjectId.toUpperCase() });
  });
  afterAll(() => bot.close());

  it('serves a real (lower-case) request when ALLOWED_TENANTS is written in upper case', async () => {
    const answer = await bot.post(personalMessage(KATI, 'abi', { serviceUrl: bot.connector.url, expectReplies: true }));
    expect(answer.status).toBe(200);
  });

  it('serves an activity whose tenant and object id arrive in upper case, and stores them lower-cased', async () => {
    const activity = personalMessage(UPPER_KATI, 'abi', { serviceUrl: bot.connector.url, tenant: TENANT.toUpperCase(), expectReplies: true });
    const answer = await bot.post(activity);
    expect(answer.status).toBe(200);
    const address = (await bot.app.conversations.personalFor(KATI.aadObjectId));
    expect(address?.tenantId).toBe(TENANT);
    expect(address?.user?.aadObjectId).toBe(KATI.aadObjectId);
  });

  it('knows a specialist listed in upper case', async () => {
    const [help] = await bot.ask(personalMessage(SIIM, 'abi', { serviceUrl: bot.connector.url }));
    const [asKati] = await bot.ask(personalMessage(KATI, 'abi', { serviceUrl: bot.connector.url }));
    expect(textOf(help).length).toBeGreaterThan(textOf(asKati).length);
  });

  it('normalises tenants and specialists once, in the configuration', () => {
    const config = loadConfig({ ALLOWED_TENANTS: `${TENANT.toUpperCase()}, ${TENANT}`, SPECIALISTS: SIIM.aadObjectId.toUpperCase(), MicrosoftAppTenantId: '' });
    expect(config.allowedTenants).toEqual([TENANT, TENANT]);
    expect(config.specialists).toEqual([SIIM.aadObjectId]);
    expect(loadConfig({ MicrosoftAppId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT.toUpperCase() }).allowedTenants).toEqual([TENANT]);
    expect(() => loadConfig({ ALLOWED_TENANTS: 'contoso' })).toThrow(/ALLOWED_TENANTS: "contoso" is not a tenant id/);
  });
});

describe('directory ids are lower-cased where they enter', () => {
  const PERSON = 'A1A1A1A1-0000-4000-8000-00000000000A';
  const BOSS = 'D4D4D4D4-0000-4000-8000-00000000000D';

  it('in the local directory file', async () => {
    const directory = FileDirectory.of([{ id: PERSON, name: 'Kati', managerId: BOSS }, { id: BOSS, name: 'Juht' }]);
    expect(await directory.find(PERSON.toLowerCase())).toEqual({ id: PERSON.toLowerCase(), name: 'Kati', managerId: BOSS.toLowerCase() });
    expect((await directory.reportsOf(BOSS)).map((person) => person.id)).toEqual([PERSON.toLowerCase()]);
  });

  it('from Microsoft Graph', async () => {
    const answers: Record<string, unknown> = {
      [`/users/${PERSON.toLowerCase()}`]: { id: PERSON, displayName: 'Kati' },
      [`/users/${PERSON.toLowerCase()}/manager`]: { id: BOSS },
      [`/users/${BOSS.toLowerCase()}/directReports`]: { value: [{ id: PERSON, displayName: 'Kati' }] },
    };
    const fetch = async (url: string) => {
      const body = answers[new URL(url).pathname.replace('/v1.0', '')];
      return new Response(JSON.stringify(body ?? {}), { status: body ? 200 : 404, headers: { 'content-type': 'application/json' } });
    };
    const directory = new GraphDirectory({ tokens: { token: async () => 't' }, fetch });
    expect(await directory.find(PERSON.toLowerCase())).toMatchObject({ id: PERSON.toLowerCase(), managerId: BOSS.toLowerCase() });
    expect(await directory.reportsOf(BOSS.toLowerCase())).toEqual([{ id: PERSON.toLowerCase(), name: 'Kati', managerId: BOSS.toLowerCase() }]);
  });
});
