import type { CardJson } from './render-card.js';

/** The form values of a card, as Teams submits them: strings, empty inputs left out. */
export type InputValues = Record<string, string>;

/** What a click on an `Action.Submit` sends: a message with `value` (and `text` for string data). */
export interface SubmitPayload {
  value?: Record<string, unknown>;
  text?: string;
}

/** What a click on an `Action.Execute` sends inside the `adaptiveCard/action` invoke. */
export interface ExecutePayload {
  verb: string;
  data: Record<string, unknown>;
  actionId?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The inputs a button submits: all of its card's (and parents') unless it says `associatedInputs: none`. */
export function inputsForAction(action: CardJson, cardInputs: CardJson[]): CardJson[] {
  return String(action.associatedInputs ?? 'auto').toLowerCase() === 'none' ? [] : cardInputs;
}

/**
 * The message Teams sends for an `Action.Submit`: the button's data merged with the inputs
 * (`{verb, args, sig, ...inputs}`), and no text. The `msteams` variants behave as in Teams:
 * `imBack` sends its value as text, `messageBack` sends `text` plus `value`.
 */
export function submitPayload(action: CardJson, inputs: InputValues): SubmitPayload {
  const data = action.data;
  const hasInputs = Object.keys(inputs).length > 0;
  if (typeof data === 'string') return hasInputs ? { text: data, value: { ...inputs } } : { text: data };
  const object = isObject(data) ? data : {};
  const teams = isObject(object.msteams) ? object.msteams : undefined;
  if (teams?.type === 'imBack' && typeof teams.value === 'string') return { text: teams.value };
  if (teams?.type === 'messageBack') {
    const value = isObject(teams.value) ? { ...teams.value, ...inputs } : hasInputs ? { ...inputs } : undefined;
    const payload: SubmitPayload = {};
    if (typeof teams.text === 'string') payload.text = teams.text;
    if (value) payload.value = value;
    return payload;
  }
  return { value: { ...object, ...inputs } };
}

/** The invoke value's action for an `Action.Execute`: its verb, and its data merged with the inputs. */
export function executePayload(action: CardJson, inputs: InputValues): ExecutePayload {
  const data = isObject(action.data) ? action.data : {};
  const payload: ExecutePayload = { verb: typeof action.verb === 'string' ? action.verb : '', data: { ...data, ...inputs } };
  if (typeof action.id === 'string') payload.actionId = action.id;
  return payload;
}
