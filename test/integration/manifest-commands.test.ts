import { readFileSync } from 'node:fs';
import { startBot, type Harness } from '../support/bot-harness.js';
import type { InboundMessage } from '../../src/shared/messaging.js';
import type { Scope } from '../../src/shared/router.js';

interface CommandList { scopes: string[]; commands: Array<{ title: string; description: string }> }

const manifest = JSON.parse(readFileSync(new URL('../../manifest/manifest.json', import.meta.url), 'utf8')) as { bots: Array<{ commandLists: CommandList[] }> };
const english = JSON.parse(readFileSync(new URL('../../manifest/en.json', import.meta.url), 'utf8')) as Record<string, string>;
const SCOPES: Record<string, Scope> = { personal: 'personal', team: 'channel', groupChat: 'groupChat' };

function typed(text: string, kind: Scope, lang: 'et' | 'en'): InboundMessage {
  return {
    id: 'm', text, lang, locale: lang === 'et' ? 'et-EE' : 'en-US', receivedAt: new Date(),
    from: { teamsId: '29:x', aadObjectId: 'x', name: 'X' },
    address: { channel: 'msteams', serviceUrl: 'http://x', conversationId: 'c', kind, bot: { id: '28:b' } },
  };
}

describe('the manifest lists the commands the bot really has', () => {
  let bot: Harness;
  beforeAll(async () => { bot = await startBot(); });
  afterAll(() => bot.close());

  const lists = manifest.bots[0].commandLists;
  const cases = lists.flatMap((list, listIndex) => list.commands.flatMap((command, commandIndex) =>
    list.scopes.map((scope) => ({ list: listIndex, index: commandIndex, scope, title: command.title }))));

  it.each(cases)('list $list "$title" works in $scope, in both languages, with help', ({ list, index, scope, title }) => {
    const kind = SCOPES[scope];
    const estonian = bot.app.router.match(typed(title, kind, 'et'));
    expect(estonian).toBeDefined();
    const englishTitle = english[`bots[0].commandLists[${list}].commands[${index}].title`];
    expect(englishTitle).toBeDefined();
    const inEnglish = bot.app.router.match(typed(englishTitle, kind, 'en'));
    expect(inEnglish?.command.key).toBe(estonian?.command.key);
    expect(estonian?.command.help.et.length).toBeGreaterThan(3);
    expect(estonian?.command.help.en.length).toBeGreaterThan(3);
  });

  it('lists every command everyone can use in a personal chat', () => {
    const listed = new Set(lists.filter((list) => list.scopes.includes('personal')).flatMap((list) => list.commands.map((command) => command.title)));
    const everyone = bot.app.router.commands.filter((command) => command.audience === 'everyone' && command.scopes.includes('personal') && !command.takesArgument);
    const missing = everyone.filter((command) => !command.labels.et.some((name) => listed.has(name)));
    // Teams shows at most 10-12 commands per list; these are reachable through the help card.
    expect(missing.map((command) => command.key).filter((key) => !['cases.endChat', 'knowledge.report'].includes(key))).toEqual([]);
  });
});
