import { fileURLToPath } from 'node:url';
import type { Lang } from '../../../src/shared/i18n.js';
import type { CardAction, InboundMessage, Reply, SentMessage, TurnTools } from '../../../src/shared/messaging.js';
import { loadArticles } from '../../../src/features/knowledge/load-articles.js';
import { buildSearchIndex, type SearchIndex } from '../../../src/features/knowledge/search-index.js';

export const FIXTURE_KB = fileURLToPath(new URL('./fixtures/kb', import.meta.url));
export const THRESHOLDS = { answerThreshold: 0.775, suggestThreshold: 0.575 };

export async function fixtureIndex(): Promise<SearchIndex> {
  const { articles, problems } = await loadArticles(FIXTURE_KB);
  if (problems.length > 0) throw new Error(`fixture problems: ${JSON.stringify(problems)}`);
  return buildSearchIndex(articles);
}

/** Records what a handler says, like the real TurnTools would send it. */
export class RecordingTools implements TurnTools {
  readonly replies: Reply[] = [];
  readonly replaced: Reply[] = [];
  async reply(reply: Reply | string): Promise<SentMessage> {
    this.replies.push(typeof reply === 'string' ? { kind: 'text', text: reply } : reply);
    return { messageId: `m${this.replies.length}` };
  }
  async replaceCard(reply: Reply): Promise<void> {
    this.replaced.push(reply);
  }
  async typing(): Promise<void> {}
}

const address = { channel: 'msteams', serviceUrl: 'https://smba.example/', conversationId: 'a:1', kind: 'personal' as const, bot: { id: '28:bot' } };
export const SPECIALIST = '00000000-0000-0000-0000-00000000000a';
export const STAFF = '00000000-0000-0000-0000-00000000000b';

export function inbound(text: string, lang: Lang = 'et', aadObjectId = STAFF): InboundMessage {
  return {
    id: 'activity-1',
    text,
    lang,
    locale: lang === 'et' ? 'et-EE' : 'en-US',
    from: { teamsId: '29:user', aadObjectId, name: 'Mari Maasikas' },
    address,
    receivedAt: new Date('2026-11-26T08:00:00Z'),
  };
}

export function clicked(verb: string, data: Record<string, unknown>, lang: Lang = 'et'): CardAction {
  return {
    id: 'activity-2',
    kind: 'submit',
    verb,
    data,
    lang,
    locale: lang === 'et' ? 'et-EE' : 'en-US',
    from: { teamsId: '29:user', aadObjectId: STAFF, name: 'Mari Maasikas' },
    address,
    receivedAt: new Date('2026-11-26T08:01:00Z'),
  };
}
