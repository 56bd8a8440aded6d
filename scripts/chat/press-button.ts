import { buildExecuteInvoke, buildFileConsentInvoke, buildSubmit, ownerOfConversation, placeOfConversation } from './activities.js';
import { uploadInfoFor } from './connector.js';
import { executePayload, inputsForAction, submitPayload } from './clicks.js';
import { boxCard } from './format-message.js';
import { fillForm } from './form.js';
import { cardParts, type BookEntry } from './message-book.js';
import { renderCard, str, type CardJson } from './render-card.js';
import type { ChatSession } from './session.js';

/** Shows the card an `Action.ShowCard` opens; its buttons become the ones numbers click. */
function openShowCard(session: ChatSession, entry: BookEntry, action: CardJson): void {
  const card = action.card && typeof action.card === 'object' ? (action.card as CardJson) : { type: 'AdaptiveCard', body: [] };
  const view = renderCard(card, session.deps.style, session.lang());
  const opened = session.book().recordOpened(entry, { ...cardParts(card, view), title: view.title ?? str(action.title) });
  session.deps.write(`${boxCard(view, opened.no, session.deps.style).join('\n')}\n`);
}

/** Sends an `Action.Submit` or `Action.Execute` click, after asking for the card's inputs. */
async function sendClick(session: ChatSession, entry: BookEntry, action: CardJson): Promise<void> {
  const inputs = inputsForAction(action, [...entry.outerInputs, ...(entry.card?.inputs ?? [])]);
  const values = await fillForm(inputs, { ask: session.deps.ask, write: session.deps.write, lang: session.lang() });
  if (values === undefined) {
    session.say('cancelled');
    return;
  }
  if (!(await session.introduce())) return;
  const place = entry.conversationId ? placeOfConversation(entry.conversationId, (channel) => session.teamOf(channel)) : session.place();
  // A card posted at the top of a channel is the root of its own thread, as in Teams.
  if (place.kind === 'channel' && !place.threadRootId) place.threadRootId = entry.wireId;
  const id = session.deps.newId();
  const consent = (action.data as { fileConsent?: { action: 'accept' | 'decline'; context: unknown; name: string } } | undefined)?.fileConsent;
  if (consent) {
    const uploadInfo = consent.action === 'accept' ? uploadInfoFor(session.deps.serviceUrl, consent.name) : undefined;
    await session.turn(buildFileConsentInvoke(session.speaker(), place, id, { action: consent.action, context: consent.context, uploadInfo, replyToId: entry.wireId }), entry);
    return;
  }
  const activity = action.type === 'Action.Execute'
    ? buildExecuteInvoke(session.speaker(), place, id, { ...executePayload(action, values), replyToId: entry.wireId })
    : buildSubmit(session.speaker(), place, id, { ...submitPayload(action, values), replyToId: entry.wireId });
  await session.turn(activity, entry);
}

/**
 * A typed number: clicks that button of the active card (the newest with buttons, or the one
 * chosen with /card), saying which card it was.
 */
export async function pressButton(session: ChatSession, entry: BookEntry, number: number): Promise<void> {
  const actions = entry.card?.actions ?? [];
  const name = entry.card?.title ?? '…';
  const action = actions[number - 1];
  if (!action) {
    session.say('noSuchButton', { no: entry.no, card: name, n: number, max: actions.length });
    return;
  }
  session.note('clicked', { no: entry.no, card: name, n: number, title: str(action.title) || str(action.verb) });
  const owner = ownerOfConversation(entry.conversationId);
  if (owner !== undefined && owner !== session.identity.aadObjectId) {
    session.say('otherUsersCard', { owner, name: session.nameOf(owner) });
    return;
  }
  switch (action.type) {
    case 'Action.Submit':
    case 'Action.Execute':
      await sendClick(session, entry, action);
      return;
    case 'Action.ShowCard':
      openShowCard(session, entry, action);
      return;
    case 'Action.OpenUrl':
      session.say('openUrl', { url: str(action.url) });
      return;
    default:
      session.say('unsupportedAction', { type: str(action.type) });
  }
}
