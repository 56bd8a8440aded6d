import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, facts, heading, paragraph, submitButton, textInput } from '../../shared/cards.js';
import { say, type Lang } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';
import type { Catalogue } from './catalogue.js';
import { showDay } from './dates.js';
import type { AccessTask } from './model.js';
import { T, TASK_KIND, TASK_STATE, periodText, rolesText } from './texts.js';
import { plainOptional, plainText } from '../../shared/plain-text.js';

const NOTE = {
  et: 'Robot ei saa selles süsteemis õigusi ise muuta, sest süsteemil pole selleks liidest. Palun tehke muudatus süsteemis ja märkige see siin tehtuks.',
  en: 'The bot cannot change rights in this system itself, as the system has no interface for it. Please make the change in the system and mark it as done here.',
};

function taskFacts(catalogue: Catalogue, task: AccessTask, lang: Lang): Array<[string, string | undefined]> {
  return [
    [say(T.for, lang), plainText(task.subject.name)],
    [say(T.system, lang), task.system || say(T.allSystems, lang)],
    [say(T.roles, lang), rolesText(catalogue, task.roles, lang)],
    [say(T.due, lang), showDay(task.due, lang)],
    [say(T.period, lang), task.kind === 'grant' ? periodText(task.due, task.until, lang) : undefined],
    [say(T.state, lang), say(TASK_STATE[task.state], lang)],
  ];
}

/** A task in the specialists' channel: what to do, in which system, for whom, from when to when. */
export function taskCard(catalogue: Catalogue, task: AccessTask, lang: Lang, signer: CardSigner): AdaptiveCard {
  const title = say(T.taskTitle, lang, { id: task.id, what: say(TASK_KIND[task.kind], lang) });
  if (task.state !== 'open') {
    return adaptiveCard([
      heading(title),
      facts([...taskFacts(catalogue, task, lang), [say(T.closedBy, lang), plainOptional(task.closedBy?.name)], [say(T.comment, lang), plainOptional(task.reason)]]),
    ]);
  }
  return adaptiveCard(
    [heading(title), facts(taskFacts(catalogue, task, lang)), paragraph(say(NOTE, lang), { isSubtle: true }), textInput('reason', say(T.impossibleReason, lang), { isMultiline: true })],
    [
      submitButton(say(T.done, lang), signer.sign('access.task.done', { taskId: task.id }), { style: 'positive' }),
      submitButton(say(T.impossible, lang), signer.sign('access.task.impossible', { taskId: task.id })),
    ],
  );
}
