import type { Lang } from '../../src/shared/i18n.js';
import { bold, renderMarkdown, visibleLength, type TextStyle } from './markdown.js';
import { t } from './texts.js';

/** Adaptive Card JSON (schema 1.5) as the bot sent it. */
export type CardJson = Record<string, unknown>;

/** A card drawn as terminal lines, with its clickable actions numbered from 1 and its inputs in order. */
export interface CardView {
  title?: string;
  lines: string[];
  actions: CardJson[];
  inputs: CardJson[];
}

interface Walk {
  style: TextStyle;
  lang: Lang;
  lines: string[];
  actions: CardJson[];
}

const HEADING_SIZES = new Set(['medium', 'large', 'extralarge']);

export const asCards = (value: unknown): CardJson[] =>
  Array.isArray(value) ? value.filter((item): item is CardJson => item !== null && typeof item === 'object') : [];
export const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** Every input of a list of elements, in reading order, including hidden ones (Teams submits them too). */
export function collectInputs(elements: CardJson[]): CardJson[] {
  const inputs: CardJson[] = [];
  for (const element of elements) {
    const type = str(element.type);
    if (type.startsWith('Input.')) inputs.push(element);
    inputs.push(...collectInputs(childrenOf(element)));
  }
  return inputs;
}

function childrenOf(element: CardJson): CardJson[] {
  switch (element.type) {
    case 'Container': return asCards(element.items);
    case 'ColumnSet': return asCards(element.columns).flatMap((column) => asCards(column.items));
    case 'Column': return asCards(element.items);
    case 'Table': return asCards(element.rows).flatMap((row) => asCards(row.cells)).flatMap((cell) => asCards(cell.items));
    default: return [];
  }
}

/** The label a person sees for an input. */
export function inputLabel(input: CardJson): string {
  return str(input.label) || str(input.title) || str(input.placeholder) || str(input.id);
}

function isHeading(block: CardJson): boolean {
  return block.weight === 'Bolder' || block.style === 'heading' || HEADING_SIZES.has(str(block.size).toLowerCase());
}

function actionLabel(action: CardJson, number: number): string {
  const title = str(action.title) || str(action.verb) || str(action.type);
  const mark = action.type === 'Action.OpenUrl' ? ' ↗' : action.type === 'Action.ShowCard' ? ' ▾' : '';
  return `[${number}] ${title}${mark}`;
}

function addActions(walk: Walk, actions: CardJson[]): void {
  const labels = actions.map((action) => {
    walk.actions.push(action);
    return actionLabel(action, walk.actions.length);
  });
  if (labels.length > 0) walk.lines.push(labels.join('  '));
}

function factLines(walk: Walk, element: CardJson): string[] {
  const facts = asCards(element.facts).map((fact) => ({
    title: renderMarkdown(str(fact.title), walk.style),
    value: renderMarkdown(str(fact.value), walk.style),
  }));
  const width = Math.max(0, ...facts.map((fact) => visibleLength(fact.title)));
  return facts.map((fact) => `${fact.title}:${' '.repeat(width - visibleLength(fact.title) + 1)}${fact.value}`);
}

function fieldLine(input: CardJson): string {
  const label = `${inputLabel(input)}${input.isRequired === true ? '*' : ''}`;
  const value = str(input.value);
  switch (input.type) {
    case 'Input.Toggle':
      return `✎ [${value !== '' && value === str(input.valueOn ?? 'true') ? 'x' : ' '}] ${str(input.title) || label}`;
    case 'Input.ChoiceSet': {
      const choices = asCards(input.choices);
      const chosen = choices.find((choice) => str(choice.value) === value);
      const names = choices.map((choice) => str(choice.title)).join(' · ');
      return `✎ ${label}: [${chosen ? str(chosen.title) : '____'} ▾]  ${names}`;
    }
    case 'Input.Number': {
      const range = input.min !== undefined || input.max !== undefined ? ` (${str(input.min)}–${str(input.max)})` : '';
      return `✎ ${label}: [${value || '___'}]${range}`;
    }
    case 'Input.Date':
      return `✎ ${label}: [${value || '____-__-__'}]`;
    case 'Input.Time':
      return `✎ ${label}: [${value || '__:__'}]`;
    default: {
      const placeholder = value === '' && str(input.placeholder) ? `  ${str(input.placeholder)}` : '';
      return `✎ ${label}: [${value || '________'}]${placeholder}`;
    }
  }
}

/** Columns side by side when each is one short line, else one after another. */
function columnSetLines(walk: Walk, element: CardJson): string[] {
  const columns = asCards(element.columns).map((column) => walkLines(walk, asCards(column.items)));
  const filled = columns.filter((lines) => lines.length > 0);
  if (filled.every((lines) => lines.length === 1)) return filled.length > 0 ? [filled.map((lines) => lines[0]).join('  ')] : [];
  return filled.flat();
}

function tableLines(walk: Walk, element: CardJson): string[] {
  return asCards(element.rows).map((row, index) => {
    const cells = asCards(row.cells).map((cell) => walkLines(walk, asCards(cell.items)).join(' '));
    const line = cells.join(' | ');
    return index === 0 && element.firstRowAsHeader !== false ? bold(line, walk.style) : line;
  });
}

/** Renders elements into a separate list of lines that share the walk's action numbering. */
function walkLines(walk: Walk, elements: CardJson[]): string[] {
  const inner: Walk = { ...walk, lines: [] };
  for (const element of elements) renderElement(inner, element);
  return inner.lines;
}

function renderElement(walk: Walk, element: CardJson): void {
  if (element.isVisible === false) return;
  const type = str(element.type);
  const { style } = walk;
  if (type.startsWith('Input.')) {
    walk.lines.push(fieldLine(element));
    return;
  }
  switch (type) {
    case 'TextBlock': {
      const text = renderMarkdown(str(element.text), style);
      walk.lines.push(...(isHeading(element) ? bold(text, style) : text).split('\n'));
      return;
    }
    case 'RichTextBlock': {
      const runs = (Array.isArray(element.inlines) ? element.inlines : []).map((run: unknown) =>
        typeof run === 'string' ? run : run && typeof run === 'object' ? str((run as CardJson).text) : '');
      walk.lines.push(...renderMarkdown(runs.join(''), style).split('\n'));
      return;
    }
    case 'FactSet': walk.lines.push(...factLines(walk, element)); return;
    case 'ColumnSet': walk.lines.push(...columnSetLines(walk, element)); return;
    case 'Container': walk.lines.push(...walkLines(walk, asCards(element.items))); return;
    case 'Table': walk.lines.push(...tableLines(walk, element)); return;
    case 'ActionSet': addActions(walk, asCards(element.actions)); return;
    case 'Image': walk.lines.push(`[${t(walk.lang, 'image')}${str(element.altText) ? `: ${str(element.altText)}` : ''}]`); return;
    case 'ImageSet': for (const image of asCards(element.images)) renderElement(walk, image); return;
    default:
      if (element.fallback && typeof element.fallback === 'object') renderElement(walk, element.fallback as CardJson);
      else if (element.fallback !== 'drop') walk.lines.push(`[${t(walk.lang, 'unsupportedElement')}: ${type}]`);
  }
}

/** The card's first text, as a name for it ("→ card #3 …"). */
export function cardTitle(card: CardJson): string | undefined {
  const first = findFirstText(asCards(card.body));
  if (!first) return undefined;
  const plain = renderMarkdown(first, { ansi: false }).replace(/\*\*/g, '').split('\n')[0].trim();
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain;
}

function findFirstText(elements: CardJson[]): string | undefined {
  for (const element of elements) {
    if (element.type === 'TextBlock' && str(element.text).trim()) return str(element.text);
    const inner = findFirstText(childrenOf(element));
    if (inner) return inner;
  }
  return undefined;
}

/** Draws an Adaptive Card: texts, facts, columns, fields and numbered buttons. */
export function renderCard(card: CardJson, style: TextStyle, lang: Lang): CardView {
  const walk: Walk = { style, lang, lines: [], actions: [] };
  for (const element of asCards(card.body)) renderElement(walk, element);
  addActions(walk, asCards(card.actions));
  return { title: cardTitle(card), lines: walk.lines, actions: walk.actions, inputs: collectInputs(asCards(card.body)) };
}
