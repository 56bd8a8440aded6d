import type { Lang } from '../../src/shared/i18n.js';
import type { InputValues } from './clicks.js';
import { parseInputAnswer, promptForInput } from './inputs.js';
import { str, type CardJson } from './render-card.js';
import { t } from './texts.js';

export interface FormTools {
  /** Reads one line; `undefined` when the input has ended. */
  ask: (prompt: string) => Promise<string | undefined>;
  write: (text: string) => void;
  lang: Lang;
}

/**
 * Asks for each input of a card in order, checking every answer as Teams would. Returns the
 * values to submit, or `undefined` when the person typed `/cancel` or the input ended.
 */
export async function fillForm(inputs: CardJson[], tools: FormTools): Promise<InputValues | undefined> {
  const values: InputValues = {};
  if (inputs.length === 0) return values;
  tools.write(`${t(tools.lang, 'formIntro')}\n`);
  for (const input of inputs) {
    const { lines, prompt } = promptForInput(input, tools.lang);
    if (lines.length > 0) tools.write(`${lines.join('\n')}\n`);
    for (;;) {
      const typed = await tools.ask(prompt);
      if (typed === undefined || typed.trim() === '/cancel') return undefined;
      const answer = parseInputAnswer(input, typed, tools.lang);
      if (answer.ok) {
        if (answer.value !== undefined && str(input.id)) values[str(input.id)] = answer.value;
        break;
      }
      tools.write(`  ${answer.error}\n`);
    }
  }
  return values;
}
