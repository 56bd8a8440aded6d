import type { Lang } from '../../src/shared/i18n.js';
import type { Attachment, WireActivity } from './activities.js';
import { dim, renderMarkdown, wrapLine, type TextStyle } from './markdown.js';
import { asCards, renderCard, str, type CardJson, type CardView } from './render-card.js';
import { t } from './texts.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const HERO_CARDS = new Set(['application/vnd.microsoft.card.hero', 'application/vnd.microsoft.card.thumbnail']);

/** A Bot Framework hero/thumbnail card, drawn through the Adaptive Card renderer. */
export function heroToAdaptive(content: CardJson): CardJson {
  const body: CardJson[] = [];
  if (str(content.title)) body.push({ type: 'TextBlock', text: str(content.title), weight: 'Bolder' });
  if (str(content.subtitle)) body.push({ type: 'TextBlock', text: str(content.subtitle) });
  if (str(content.text)) body.push({ type: 'TextBlock', text: str(content.text) });
  const actions = asCards(content.buttons).map((button): CardJson => {
    const title = str(button.title);
    if (button.type === 'openUrl') return { type: 'Action.OpenUrl', title, url: str(button.value) };
    if (button.type === 'messageBack') {
      return { type: 'Action.Submit', title, data: { msteams: { type: 'messageBack', text: str(button.text), value: button.value } } };
    }
    return { type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: str(button.value) || title } } };
  });
  return { type: 'AdaptiveCard', version: '1.5', body, actions };
}

/**
 * Teams' file consent card as an Adaptive Card with Teams' two buttons; a click sends the
 * `fileConsent/invoke` (see press-button), and the connector saves the upload in a local folder.
 */
export function consentToAdaptive(attachment: Attachment, lang: Lang): CardJson {
  const content = (attachment.content ?? {}) as { description?: string; sizeInBytes?: number; acceptContext?: unknown; declineContext?: unknown };
  const name = attachment.name ?? 'file';
  const button = (action: 'accept' | 'decline', title: string, context: unknown): CardJson =>
    ({ type: 'Action.Submit', title, data: { fileConsent: { action, context, name } } });
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t(lang, 'fileOffered', { name, bytes: content.sizeInBytes ?? 0 }), weight: 'Bolder' },
      ...(content.description ? [{ type: 'TextBlock', text: content.description }] : []),
    ],
    actions: [button('accept', t(lang, 'fileAllow'), content.acceptContext), button('decline', t(lang, 'fileDecline'), content.declineContext)],
  };
}

/** The cards an activity carries (Adaptive Cards, and hero and file consent cards made into Adaptive Cards). */
export function cardsOf(activity: WireActivity, lang: Lang = 'et'): CardJson[] {
  const cards: CardJson[] = [];
  for (const attachment of activity.attachments ?? []) {
    const content = attachment.content && typeof attachment.content === 'object' ? (attachment.content as CardJson) : undefined;
    if (!content) continue;
    if (attachment.contentType === ADAPTIVE_CARD) cards.push(content);
    else if (HERO_CARDS.has(attachment.contentType)) cards.push(heroToAdaptive(content));
    else if (attachment.contentType === FILE_CONSENT) cards.push(consentToAdaptive(attachment, lang));
  }
  return cards;
}

function otherAttachments(activity: WireActivity): Attachment[] {
  return (activity.attachments ?? []).filter((attachment) => attachment.contentType !== ADAPTIVE_CARD && attachment.contentType !== FILE_CONSENT && !HERO_CARDS.has(attachment.contentType));
}

/** The indent of a card in a message plus its box edge: `  │ `. */
const BOX_MARGIN = 5;

/** A card in a box, headed by its number: `┌─ #3`; its lines wrap inside the box on a terminal. */
export function boxCard(view: CardView, no: number | undefined, style: TextStyle): string[] {
  const top = no === undefined ? '┌─' : `┌─ #${no}`;
  const inner = style.width === undefined ? undefined : style.width - BOX_MARGIN;
  const lines = view.lines.flatMap((line) => wrapLine(line, inner));
  return [dim(top, style), ...lines.map((line) => `${dim('│', style)} ${line}`), dim('└─', style)];
}

export interface MessageLook {
  style: TextStyle;
  lang: Lang;
  /** Says where the message is when it is not the person's current chat: `[vestlus: Mari Maasikas]`. */
  label?: string;
  /** Lines put before the message, e.g. `(updated message #3)`. */
  note?: string;
}

/**
 * A bot message as terminal text: `Tugibot: text`, then each card in a box with its number.
 * `views` are the rendered cards of `cardsOf(activity)`, with the numbers they were recorded under.
 */
export function formatMessage(activity: WireActivity, views: Array<{ view: CardView; no?: number }>, look: MessageLook): string {
  const { style, lang } = look;
  const speaker = `${look.label ? `[${look.label}] ` : ''}${activity.from?.name || 'Tugibot'}:`;
  const text = activity.text ? renderMarkdown(activity.text, style).trimEnd() : '';
  const lines: string[] = look.note ? [dim(look.note, style)] : [];
  const textLines = text === '' ? [] : text.split('\n');
  const extras = otherAttachments(activity).map((attachment) =>
    `[${t(lang, 'attachment')}: ${attachment.name || attachment.contentType}${attachment.contentUrl ? ` (${attachment.contentUrl})` : ''}]`);
  if (views.length === 0 && extras.length === 0 && textLines.length <= 1) {
    lines.push(`${speaker} ${textLines[0] ?? ''}`.trimEnd());
    return `${lines.join('\n')}\n`;
  }
  lines.push(speaker, ...textLines.map((line) => `  ${line}`));
  for (const { view, no } of views) lines.push(...boxCard(view, no, style).map((line) => `  ${line}`));
  lines.push(...extras.map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

/** Renders every card of an activity. */
export function viewsOf(activity: WireActivity, style: TextStyle, lang: Lang): Array<{ card: CardJson; view: CardView }> {
  return cardsOf(activity, lang).map((card) => ({ card, view: renderCard(card, style, lang) }));
}
