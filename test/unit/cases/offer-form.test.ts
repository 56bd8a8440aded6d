import { offerForm, systemNamedIn } from '../../../src/features/cases/requester-actions.js';
import type { CasesContext } from '../../../src/features/cases/cases-context.js';
import { CardSigner } from '../../../src/shared/card-signer.js';
import type { IncidentNotices } from '../../../src/shared/incident-notices.js';
import { textReply, type Reply, type TurnTools } from '../../../src/shared/messaging.js';

function collect(): { tools: TurnTools; replies: Reply[] } {
  const replies: Reply[] = [];
  const tools: TurnTools = {
    reply: async (reply) => {
      replies.push(typeof reply === 'string' ? textReply(reply) : reply);
      return {};
    },
    replaceCard: async () => undefined,
    typing: async () => undefined,
  };
  return { tools, replies };
}

describe('opening the case form during an outage', () => {
  const asked: string[][] = [];
  const incidents: IncidentNotices = {
    activeFor: async (systems) => {
      asked.push(systems);
      return systems.includes('SKAIS') ? textReply('SKAISis on rike: avaldused ei salvestu.') : undefined;
    },
  };
  const ctx = { incidents, signer: new CardSigner('unit-secret-unit-secret') } as unknown as CasesContext;

  it('shows the open incident of the system the question names before the form', async () => {
    const { tools, replies } = collect();
    await offerForm(ctx, 'et', tools, 'SKAIS ei salvesta avaldust', 'a,b');
    expect(asked).toContainEqual(['SKAIS']);
    expect(replies[0]).toEqual(textReply('SKAISis on rike: avaldused ei salvestu.'));
    expect(replies[1].kind).toBe('card');
    expect(JSON.stringify(replies[1])).toContain('"noticed":"SKAIS"');
    const card = (replies[1] as unknown as { card: { body: Array<Record<string, unknown>> } }).card;
    expect(card.body.find((element) => element.id === 'system')?.value).toBe('SKAIS');
  });

  it('shows only the form when nothing is broken', async () => {
    const { tools, replies } = collect();
    await offerForm(ctx, 'en', tools, 'STARis ei avane otsus');
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0])).toContain('New case for the support desk');
  });

  it('recognises the system a question names', () => {
    expect(systemNamedIn('SKAISis on viga')).toBe('SKAIS');
    expect(systemNamedIn('STARist ei leia')).toBe('STAR');
    expect(systemNamedIn('SKAIS ja STAR')).toBeUndefined();
    expect(systemNamedIn('start page')).toBeUndefined();
  });
});
