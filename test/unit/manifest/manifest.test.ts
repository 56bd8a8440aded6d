import { describe, expect, it } from '@jest/globals';
import './app-manifest-in-jest.js';
import {
  LOCALIZATION_SCHEMA_URL, MANIFEST_SCHEMA_URL, PLACEHOLDER_BOT_ID, readPackageFiles, readTemplate, repairPatterns, validateManifest,
  type Manifest,
} from '../../../scripts/package-app.js';
import { withoutNetwork } from './offline.js';

const template = readTemplate();
const files = readPackageFiles(template);
const english = (): Record<string, string> => JSON.parse(files.get('en.json')?.toString('utf8') ?? '{}') as Record<string, string>;
const withEnglish = (strings: Record<string, string>) => new Map([...files, ['en.json', Buffer.from(JSON.stringify(strings))]]);
const titles = (manifest: Manifest, scope: string) =>
  (manifest.bots?.[0]?.commandLists ?? []).filter((list) => list.scopes?.includes(scope)).flatMap((list) => list.commands ?? []).map((command) => command.title);

describe('the shipped manifest', () => {
  it('validates against the official v1.24 schema and the localization schema, without the network', async () => {
    const { result, fetched } = await withoutNetwork(() => validateManifest(template, files));
    expect(result).toEqual([]);
    expect(fetched).toEqual([]);
    expect(template.$schema).toBe(MANIFEST_SCHEMA_URL);
    // The stub does see the library's fetches, so the empty list above means something.
    const { AppManifestUtils } = await import('@microsoft/app-manifest');
    const probe = await withoutNetwork(() => AppManifestUtils.fetchSchema('https://example.org/teams.schema.json').catch(() => 'failed'));
    expect(probe).toEqual({ result: 'failed', fetched: ['https://example.org/teams.schema.json'] });
    expect(template.manifestVersion).toBe('1.24');
  });

  it('keeps the placeholder bot id, which packaging replaces', () => {
    expect(template.bots?.[0]?.botId).toBe(PLACEHOLDER_BOT_ID);
  });

  it('offers the user commands in personal chat, the desk commands in teams and the general ones in group chats', () => {
    expect(titles(template, 'personal')).toEqual(['abi', 'uus pöördumine', 'minu pöördumised', 'rikked', 'teavitused', 'ligipääs']);
    expect(titles(template, 'team')).toEqual(['abi', 'rikked', 'avatud pöördumised', 'määramata pöördumised', 'minu tööd', 'ülesanded', 'teate aruanne', 'uus hooldus']);
    expect(titles(template, 'groupChat')).toEqual(['abi', 'rikked']);
  });

  it('has an English translation for every command and text it names', async () => {
    expect(english().$schema).toBe(LOCALIZATION_SCHEMA_URL);
    expect(english()['bots[0].commandLists[0].commands[0].title']).toBe('help');
    const strings = english();
    delete strings['bots[0].commandLists[1].commands[5].title'];
    strings['bots[0].commandLists[2].commands[5].title'] = 'no such command';
    expect(await validateManifest(template, withEnglish(strings))).toEqual([
      'en.json: "bots[0].commandLists[2].commands[5].title" does not name a text in manifest.json',
      'en.json: "bots[0].commandLists[1].commands[5].title" is not translated',
    ]);
  });
});

describe('validateManifest', () => {
  it('names each problem of a broken manifest in words', async () => {
    const broken = structuredClone(template) as Manifest & { icons: Record<string, string> };
    delete broken.icons.outline;
    broken.accentColor = 'SKA blue';
    const problems = await validateManifest(broken, files);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining("manifest.json: /icons must have required property 'outline'"),
      expect.stringContaining('manifest.json: /accentColor must match pattern "^#[0-9a-fA-F]{6}$"'),
    ]));
    expect(problems).toHaveLength(2);
  });

  it('refuses a $schema it has no offline copy of instead of fetching one', async () => {
    const { result, fetched } = await withoutNetwork(() => validateManifest({ ...template, $schema: 'https://example.org/teams.schema.json' }, files));
    expect(result).toEqual([`manifest.json: $schema must be ${MANIFEST_SCHEMA_URL}, got "https://example.org/teams.schema.json"`]);
    expect(fetched).toEqual([]);
  });

  it('reports a missing or unreadable localization file', async () => {
    const withoutEnglish = new Map([...files].filter(([name]) => name !== 'en.json'));
    expect(await validateManifest(template, withoutEnglish)).toEqual(['en.json: the localization file for "en" is missing']);
    const problems = await validateManifest(template, new Map([...files, ['en.json', Buffer.from('{ not json')]]));
    expect(problems).toEqual([expect.stringMatching(/^en\.json: is not valid JSON/)]);
  });
});

describe('repairPatterns', () => {
  it('escapes only a "]" that closes no character class, in patterns that do not compile', () => {
    const broken = '^activities.activityTypes\\[\\b([0-9]|[1-8][0-9]|9[0-9]|1[01][0-9]|12[0-7])\\b]\\.description$';
    const schema = { patternProperties: { [broken]: { type: 'string', pattern: '^[a-z]+$' } }, properties: { id: { pattern: '^x]$' } } };
    const repaired = repairPatterns(schema) as unknown as { patternProperties: Record<string, { pattern: string }>; properties: { id: { pattern: string } } };
    const [key] = Object.keys(repaired.patternProperties);
    expect(key).toBe('^activities.activityTypes\\[\\b([0-9]|[1-8][0-9]|9[0-9]|1[01][0-9]|12[0-7])\\b\\]\\.description$');
    expect(new RegExp(key, 'u').test('activities.activityTypes[12].description')).toBe(true);
    expect(new RegExp(key, 'u').test('activities.activityTypes[12.description')).toBe(false);
    expect(repaired.patternProperties[key].pattern).toBe('^[a-z]+$');
    expect(repaired.properties.id.pattern).toBe('^x\\]$');
  });
});
