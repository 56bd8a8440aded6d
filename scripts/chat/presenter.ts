import type { Lang } from '../../src/shared/i18n.js';
import type { WireActivity } from './activities.js';
import type { ConnectorEvent } from './connector.js';
import { ADAPTIVE_CARD, boxCard, formatMessage, viewsOf } from './format-message.js';
import { dim, type TextStyle } from './markdown.js';
import { cardParts, type BookEntry, type MessageBook } from './message-book.js';
import { renderCard, type CardJson } from './render-card.js';
import { t } from './texts.js';

export interface PresenterDeps {
  /** Prints a block of text (ending in a newline); in the terminal it keeps the person's typing intact. */
  write: (text: string) => void;
  style: TextStyle;
  lang: () => Lang;
  book: MessageBook;
  /** Names a conversation that is not the person's current chat; `undefined` for the current one. */
  labelOf: (conversationId: string) => string | undefined;
  /** Ids for messages the bot sent with no id (the replies of an `expectReplies` turn). */
  newId: () => string;
}

/** Shows what the bot says, whether in the turn's answer or through the client's Bot Connector. */
export class Presenter {
  constructor(private readonly deps: PresenterDeps) {}

  /** Records a message (each card under its own number) and prints it. */
  showMessage(activity: WireActivity, conversationId: string, options: { label?: string; note?: (no: number) => string } = {}): BookEntry[] {
    const { style, book } = this.deps;
    const lang = this.deps.lang();
    const wireId = activity.id || this.deps.newId();
    const views = viewsOf(activity, style, lang);
    const entries = views.length === 0
      ? [book.record(wireId, conversationId)]
      : views.map(({ card, view }) => book.record(wireId, conversationId, cardParts(card, view)));
    const numbered = views.map(({ view }, index) => ({ view, no: entries[index].no }));
    const note = options.note?.(entries[0].no);
    this.deps.write(formatMessage(activity, numbered, { style, lang, label: options.label, note }));
    return entries;
  }

  /** The activities of an `expectReplies` answer, said in `conversationId`. */
  showReplies(activities: WireActivity[], conversationId: string, clicked?: BookEntry): void {
    for (const activity of activities) {
      if (activity.type === 'message') this.showMessage(activity, conversationId);
      else if (activity.type === 'invokeResponse') this.showInvokeResponse(activity.value, clicked);
    }
  }

  /**
   * An invoke's answer (`{status, body: {statusCode, type, value}}`): a card replaces the clicked card
   * for this person (Universal Actions), a message is printed.
   */
  showInvokeResponse(response: unknown, clicked?: BookEntry): void {
    const lang = this.deps.lang();
    const outer = (response ?? {}) as { status?: number; body?: unknown };
    const body = (outer.body && typeof outer.body === 'object' ? outer.body : outer) as { statusCode?: number; type?: string; value?: unknown };
    const status = body.statusCode ?? outer.status ?? 200;
    if (body.type === ADAPTIVE_CARD && body.value && typeof body.value === 'object') {
      this.showCardUpdate(body.value as CardJson, clicked);
    } else if (typeof body.value === 'string' && body.value !== '') {
      this.deps.write(formatMessage({ type: 'message', text: body.value }, [], { style: this.deps.style, lang }));
    } else if (status >= 400) {
      this.deps.write(`${t(lang, 'httpError', { status, body: JSON.stringify(body.value ?? body) })}\n`);
    }
  }

  private showCardUpdate(card: CardJson, clicked?: BookEntry): void {
    const { style, book } = this.deps;
    const lang = this.deps.lang();
    const view = renderCard(card, style, lang);
    const entry = clicked ?? book.record(this.deps.newId(), '');
    book.replace(entry, cardParts(card, view));
    this.deps.write(`${[dim(t(lang, 'cardUpdated', { no: entry.no }), style), ...boxCard(view, entry.no, style)].join('\n')}\n`);
  }

  /** What the bot did through the client's Bot Connector, outside the person's turn. */
  showConnectorEvent(event: ConnectorEvent): void {
    const lang = this.deps.lang();
    switch (event.kind) {
      case 'send':
        if (event.activity.type === 'message') this.showMessage({ ...event.activity, id: event.id }, event.conversationId, { label: this.deps.labelOf(event.conversationId) });
        return;
      case 'thread': {
        const [entry] = this.showMessage({ type: 'message', ...event.activity, id: event.id }, event.conversationId, {
          note: (no) => t(lang, 'newThread', { channel: event.channelId, no }),
        });
        this.deps.write(`${dim(t(lang, 'replyHint', { no: entry.no }), this.deps.style)}\n`);
        return;
      }
      case 'chat':
        if (event.activity) this.showMessage({ ...event.activity, id: event.id }, event.conversationId, { label: this.deps.labelOf(event.conversationId) });
        return;
      case 'update':
        this.showUpdate(event.conversationId, event.id, event.activity);
        return;
      case 'delete': {
        const entry = this.deps.book.byWireId(event.id);
        if (entry) this.deps.book.remove(entry);
        const text = entry ? t(lang, 'deleted', { no: entry.no }) : t(lang, 'deletedUnknown', { id: event.id });
        this.deps.write(`${dim(text, this.deps.style)}\n`);
        return;
      }
      case 'upload':
        this.deps.write(`${dim(t(lang, 'fileSaved', { path: event.path, bytes: event.bytes }), this.deps.style)}\n`);
        return;
      case 'unsupported':
        this.deps.write(`${dim(t(lang, 'unsupportedCall', { method: event.method, path: event.path }), this.deps.style)}\n`);
    }
  }

  private showUpdate(conversationId: string, wireId: string, activity: WireActivity): void {
    const { style, book } = this.deps;
    const lang = this.deps.lang();
    const entry = book.byWireId(wireId);
    const label = this.deps.labelOf(conversationId);
    if (!entry) {
      this.showMessage({ ...activity, id: wireId }, conversationId, { label, note: () => t(lang, 'updatedUnknown', { id: wireId }) });
      return;
    }
    const views = viewsOf(activity, style, lang);
    const first = views[0];
    book.replace(entry, first && cardParts(first.card, first.view));
    const numbered = views.map(({ view }, index) => ({ view, no: index === 0 ? entry.no : undefined }));
    this.deps.write(formatMessage(activity, numbered, { style, lang, label, note: t(lang, 'updated', { no: entry.no }) }));
  }
}
