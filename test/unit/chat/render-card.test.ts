import { boxCard, formatMessage, heroToAdaptive } from '../../../scripts/chat/format-message.js';
import { PLAIN, renderMarkdown } from '../../../scripts/chat/markdown.js';
import { renderCard } from '../../../scripts/chat/render-card.js';
import { caseFormCard, cardMessage } from './fixtures.js';

describe('renderCard', () => {
  it('draws title, text, facts, fields and numbered buttons', () => {
    const view = renderCard(caseFormCard(), PLAIN, 'et');
    expect(view.lines).toEqual([
      'Uus pöördumine',
      'Kirjelda probleemi. Vaata ka juhendit (https://juhend.example/star).',
      'Süsteem: STAR',
      'Tähtaeg: 24 tundi',
      '✎ Teema*: [________]  nt STAR ei avane',
      '✎ Prioriteet: [Tavaline ▾]  Kriitiline · Tavaline · Madal',
      '✎ Soovitud tähtaeg: [____-__-__]',
      '[1] Saada  [2] Värskenda  [3] Juhend ↗',
    ]);
    expect(view.title).toBe('Uus pöördumine');
    expect(view.actions.map((action) => action.title)).toEqual(['Saada', 'Värskenda', 'Juhend']);
    expect(view.inputs.map((input) => input.id)).toEqual(['subject', 'priority', 'due']);
  });

  it('draws the heading bold on a TTY and nowhere else', () => {
    const view = renderCard(caseFormCard(), { ansi: true }, 'et');
    expect(view.lines[0]).toBe('\u001b[1mUus pöördumine\u001b[22m');
    expect(renderCard(caseFormCard(), PLAIN, 'et').lines[0]).not.toContain('\u001b');
  });

  it('aligns fact titles and walks columns, containers and inline action sets in reading order', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'FactSet', facts: [{ title: 'Pöördumine', value: 'TUGI-2026-00042' }, { title: 'Staatus', value: '**Avatud**' }] },
        {
          type: 'ColumnSet',
          columns: [
            { type: 'Column', items: [{ type: 'TextBlock', text: 'SKAIS' }] },
            { type: 'Column', items: [{ type: 'TextBlock', text: 'kriitiline' }] },
          ],
        },
        {
          type: 'Container',
          items: [
            { type: 'TextBlock', text: 'Rike' },
            { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Mind puudutab', data: { verb: 'incidents.affected', args: {}, sig: 's' } }] },
            { type: 'TextBlock', text: 'peidetud', isVisible: false },
          ],
        },
        { type: 'Input.Toggle', id: 'agree', title: 'Nõustun', value: 'true' },
        { type: 'Media', sources: [] },
      ],
      actions: [{ type: 'Action.ShowCard', title: 'Kommentaar', card: { type: 'AdaptiveCard', body: [] } }],
    };
    expect(renderCard(card, PLAIN, 'en').lines).toEqual([
      'Pöördumine: TUGI-2026-00042',
      'Staatus:    **Avatud**',
      'SKAIS  kriitiline',
      'Rike',
      '[1] Mind puudutab',
      '✎ [x] Nõustun',
      '[element not shown: Media]',
      '[2] Kommentaar ▾',
    ]);
  });

  it('turns a hero card into the same numbered buttons', () => {
    const card = heroToAdaptive({ title: 'Kas see aitas?', buttons: [{ type: 'imBack', title: 'Jah', value: 'jah' }, { type: 'openUrl', title: 'Ava', value: 'https://x.example' }] });
    expect(renderCard(card, PLAIN, 'et').lines).toEqual(['Kas see aitas?', '[1] Jah  [2] Ava ↗']);
  });
});

describe('renderMarkdown', () => {
  it('keeps **bold** as written off a TTY, shows links as text (url) and mentions as @name', () => {
    expect(renderMarkdown('**Tere!** Vaata [juhendit](https://a.example) või <at>Mari</at>.', PLAIN)).toBe('**Tere!** Vaata juhendit (https://a.example) või @Mari.');
    expect(renderMarkdown('**Tere!**', { ansi: true })).toBe('\u001b[1mTere!\u001b[22m');
  });
});

describe('formatMessage', () => {
  it('prints a text message on one line and a card in a numbered box', () => {
    expect(formatMessage({ type: 'message', text: 'Tere, Kati!' }, [], { style: PLAIN, lang: 'et' })).toBe('Tugibot: Tere, Kati!\n');
    const view = renderCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Kas see aitas?' }], actions: [{ type: 'Action.Submit', title: 'Jah' }, { type: 'Action.Submit', title: 'Ei' }] }, PLAIN, 'et');
    const text = formatMessage(cardMessage({}, 'Vastus:'), [{ view, no: 4 }], { style: PLAIN, lang: 'et', label: 'vestlus: Mari Maasikas' });
    expect(text).toBe([
      '[vestlus: Mari Maasikas] Tugibot:',
      '  Vastus:',
      '  ┌─ #4',
      '  │ Kas see aitas?',
      '  │ [1] Jah  [2] Ei',
      '  └─',
      '',
    ].join('\n'));
  });
});

describe('boxCard on a narrow terminal', () => {
  it('wraps long lines inside the box, keeping list items indented', () => {
    const view = renderCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '- **abi**: näitab seda abi ja kõiki teisi käske' }] }, PLAIN, 'et');
    expect(boxCard(view, 1, { ansi: false, width: 31 })).toEqual([
      '┌─ #1',
      '│ - **abi**: näitab seda abi',
      '│   ja kõiki teisi käske',
      '└─',
    ]);
  });
});
