import { Router, NOT_SPECIALIST } from '../../../src/shared/router.js';
import type { InboundMessage, TurnTools } from '../../../src/shared/messaging.js';

const tools: TurnTools = { reply: async () => ({}), replaceCard: async () => undefined, typing: async () => undefined };

function message(text: string, kind: 'personal' | 'channel' = 'personal', aadObjectId = 'user'): InboundMessage {
  return {
    id: '1', text, lang: 'et', locale: 'et-EE', receivedAt: new Date(),
    from: { teamsId: '29:x', aadObjectId, name: 'X' },
    address: { channel: 'msteams', serviceUrl: 'http://x', conversationId: 'c', kind, bot: { id: '28:b' } },
  };
}

describe('Router', () => {
  const seen: string[] = [];
  const router = new Router((id) => id === 'specialist');
  router.command({ key: 'case', names: { et: ['pöördumine'], en: ['case'] }, help: { et: 'x', en: 'x' }, takesArgument: true, scopes: ['personal', 'channel'] }, async (_m, _t, argument) => { seen.push(`case:${argument}`); });
  router.command({ key: 'new', names: { et: ['uus pöördumine'], en: ['new case'] }, help: { et: 'x', en: 'x' } }, async () => { seen.push('new'); });
  router.command({ key: 'import', names: { et: ['impordi asendused'], en: ['import substitutions'] }, help: { et: 'x', en: 'x' }, takesArgument: true, audience: 'specialist' }, async (_m, _t, argument) => { seen.push(`import:${argument}`); });
  router.fallback(async (m) => { seen.push(`question:${m.text}`); });
  beforeEach(() => { seen.length = 0; });

  it('matches commands without regard to case or diacritics, longest name first', async () => {
    await router.dispatchMessage(message('UUS POORDUMINE'), tools);
    await router.dispatchMessage(message('Pöördumine TUGI-2026-00042'), tools);
    expect(seen).toEqual(['new', 'case:TUGI-2026-00042']);
  });

  it('keeps the line breaks of an argument', async () => {
    await router.dispatchMessage(message('impordi asendused\nperson,substitute\na,b', 'personal', 'specialist'), tools);
    expect(seen).toEqual(['import:person,substitute\na,b']);
  });

  it('refuses a specialist command to others and sends other text to the fallback', async () => {
    await expect(router.dispatchMessage(message('impordi asendused x'), tools)).rejects.toBe(NOT_SPECIALIST);
    await router.dispatchMessage(message('kuidas parooli vahetada'), tools);
    expect(seen).toEqual(['question:kuidas parooli vahetada']);
  });

  it('has no fallback in channels and honours scopes', async () => {
    await router.dispatchMessage(message('kuidas parooli vahetada', 'channel'), tools);
    await router.dispatchMessage(message('uus pöördumine', 'channel'), tools);
    expect(seen).toEqual([]);
  });
});
