import type { SignedActionData } from './card-signer.js';
import type { AdaptiveCard } from './messaging.js';

/** Helpers for Adaptive Card 1.5 JSON, the version Teams renders for bots. */
export type Element = Record<string, unknown>;

export function adaptiveCard(body: Element[], actions: Element[] = []): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    msteams: { width: 'Full' },
  };
  if (actions.length > 0) card.actions = actions;
  return card;
}

export function heading(text: string): Element {
  return { type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true };
}

export function paragraph(text: string, options: Element = {}): Element {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function facts(pairs: Array<[string, string | undefined]>): Element {
  return {
    type: 'FactSet',
    facts: pairs.filter(([, value]) => value !== undefined && value !== '').map(([title, value]) => ({ title, value })),
  };
}

/** A button that sends its signed data back as a message (`Action.Submit`). */
export function submitButton(title: string, data: SignedActionData, options: Element = {}): Element {
  return { type: 'Action.Submit', title, data, ...options };
}

export function textInput(id: string, label: string, options: Element = {}): Element {
  return { type: 'Input.Text', id, label, ...options };
}

export function choiceInput(id: string, label: string, choices: Array<{ title: string; value: string }>, options: Element = {}): Element {
  return { type: 'Input.ChoiceSet', id, label, choices, style: 'compact', ...options };
}

export function dateInput(id: string, label: string, options: Element = {}): Element {
  return { type: 'Input.Date', id, label, ...options };
}
