import { createIdSource, type WireActivity } from '../../../scripts/chat/activities.js';
import type { BotAnswer } from '../../../scripts/chat/bot-client.js';
import { PLAIN } from '../../../scripts/chat/markdown.js';
import { MessageBook } from '../../../scripts/chat/message-book.js';
import { parseChatOptions, type ChatOptions } from '../../../scripts/chat/options.js';
import { Presenter } from '../../../scripts/chat/presenter.js';
import type { CardJson } from '../../../scripts/chat/render-card.js';
import { ChatSession } from '../../../scripts/chat/session.js';

export const KATI = '6f1e2d3c-4b5a-4987-8c6d-5e4f3a2b1c0d';
export const MARI = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const CHANNEL = '19:specialists@thread.tacv2';

/** A card shaped as the bot's own helpers make them (src/shared/cards.ts), with a signed submit. */
export function caseFormCard(): CardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Uus pöördumine', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: 'Kirjelda probleemi. Vaata ka [juhendit](https://juhend.example/star).', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Süsteem', value: 'STAR' }, { title: 'Tähtaeg', value: '24 tundi' }] },
      { type: 'Input.Text', id: 'subject', label: 'Teema', isRequired: true, placeholder: 'nt STAR ei avane' },
      {
        type: 'Input.ChoiceSet',
        id: 'priority',
        label: 'Prioriteet',
        style: 'compact',
        value: 'normal',
        choices: [
          { title: 'Kriitiline', value: 'critical' },
          { title: 'Tavaline', value: 'normal' },
          { title: 'Madal', value: 'low' },
        ],
      },
      { type: 'Input.Date', id: 'due', label: 'Soovitud tähtaeg' },
    ],
    actions: [
      { type: 'Action.Submit', title: 'Saada', data: { verb: 'cases.create', args: { system: 'STAR' }, sig: 'sig-create' } },
      { type: 'Action.Execute', title: 'Värskenda', verb: 'cases.refresh', data: { verb: 'cases.refresh', args: { id: 'TUGI-2026-00042' }, sig: 'sig-refresh' }, associatedInputs: 'none' },
      { type: 'Action.OpenUrl', title: 'Juhend', url: 'https://juhend.example/star' },
    ],
  };
}

export function cardMessage(card: CardJson, text?: string): WireActivity {
  const activity: WireActivity = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
  if (text) activity.text = text;
  return activity;
}

export function optionsFor(argv: string[] = []): ChatOptions {
  const parsed = parseChatOptions(argv);
  if (parsed.kind !== 'run') throw new Error(`bad options: ${JSON.stringify(parsed)}`);
  return parsed.options;
}

export interface SessionRig {
  session: ChatSession;
  presenter: Presenter;
  book: MessageBook;
  sent: WireActivity[];
  output: () => string;
  /** What the fake bot answers to the next activities, in order; then `{activities: []}`. */
  answers: BotAnswer[];
  /** Lines the person types when the client asks (form inputs). */
  typed: string[];
}

/** A session with a fake bot and a captured terminal: no network, no readline. */
export function sessionRig(argv: string[] = []): SessionRig {
  const chunks: string[] = [];
  const sent: WireActivity[] = [];
  const answers: BotAnswer[] = [];
  const typed: string[] = [];
  const book = new MessageBook();
  const newId = createIdSource(1_000);
  let shown = 0;
  const late: { session?: ChatSession } = {};
  const write = (text: string) => { chunks.push(text); };
  const presenter = new Presenter({
    write: (text) => { shown += 1; write(text); },
    style: PLAIN,
    lang: () => late.session?.lang() ?? 'et',
    book,
    labelOf: (id) => late.session?.labelOf(id),
    newId,
  });
  const session = new ChatSession({
    options: optionsFor(argv),
    serviceUrl: 'http://127.0.0.1:45678/',
    presenter,
    book,
    style: PLAIN,
    write,
    ask: async (prompt) => {
      const line = typed.shift();
      write(`${prompt}${line ?? ''}\n`);
      return line;
    },
    send: async (activity) => {
      sent.push(activity);
      return answers.shift() ?? { kind: 'ok', activities: [] };
    },
    newId,
    sleep: async () => undefined,
    shownCount: () => shown,
  });
  late.session = session;
  return { session, presenter, book, sent, output: () => chunks.join(''), answers, typed };
}
