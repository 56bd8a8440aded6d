import { ActivityTypes, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { CARD_NOT_YOURS, type CardDecisions } from '../shared/card-decisions.js';
import { cardIdOf, isForSender, type CardSigner } from '../shared/card-signer.js';
import type { ConversationStore } from '../shared/conversations.js';
import { DomainError, isDomainError } from '../shared/errors.js';
import { langOf, say, type Lang } from '../shared/i18n.js';
import { newReferenceId } from '../shared/ids.js';
import { noMetrics, secondsSince, type Metrics } from '../shared/metrics.js';
import { currentRequestId } from '../shared/request-context.js';
import type { Logger } from '../shared/logger.js';
import type { ConversationAddress, Reply, SentMessage, TurnTools } from '../shared/messaging.js';
import type { MessageRoute, Router } from '../shared/router.js';
import { addressFromActivity } from './address.js';
import { cardPayloadOf, toActivity, toCardAction, toInboundMessage } from './translate.js';
import type { FileShelf } from '../shared/file-shelf.js';
import { answerFileConsent, isFileConsent } from './file-consent.js';
import { SUPPORTED_INVOKES } from './activity-schema.js';

export const CARD_TAMPERED = new DomainError('CARD_TAMPERED', {
  et: 'Selle kaardi andmed ei ühti nendega, mille ma saatsin, seega jätan toimingu tegemata. Palun kasuta uusimat kaarti.',
  en: 'The data on this card does not match what I sent, so I have not done this. Please use the latest card.',
});

const APOLOGY = {
  et: 'Vabandust, midagi läks valesti ja ma ei saanud seda teha. Kui see kordub, teata kasutajatoele viitenumber {ref}.',
  en: 'Sorry, something went wrong and I could not do that. If it happens again, please give the support desk the reference {ref}.',
};

/**
 * Replaces the card a click came from. When Teams no longer has that message (deleted, or a
 * `replyToId` that names none: 404), the replacement is sent as a new message instead, so the
 * person still sees the outcome.
 */
async function replaceOrSend(context: TurnContext, activity: Partial<Activity>, replyToId: string, log: Logger): Promise<void> {
  try {
    await context.updateActivity({ ...activity, id: replyToId });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    log.info('the card clicked is gone; sent its replacement as a new message');
    await context.sendActivity(activity);
  }
}

/** How long a turn may run before the typing indicator is shown. */
const TYPING_AFTER_MS = 400;

export interface TurnDeps {
  router: Router;
  conversations: ConversationStore;
  signer: CardSigner;
  /** Buttons decide once: a replaced card's buttons act no more. */
  decisions: CardDecisions;
  logger: Logger;
  defaultLocale: string;
  /** Says hello when the bot is installed or added; in the user's language. */
  welcome: (address: ConversationAddress, lang: Lang) => Reply;
  /** Report files waiting for the person's consent. */
  files?: FileShelf;
  /** Turns by kind and outcome, and their duration; off when absent. */
  metrics?: Metrics;
}

/** The `kind` label of a turn: what the router did with a message, or the activity's kind. */
const ROUTE_KIND: Record<MessageRoute, string> = { command: 'command', intercepted: 'handoff', fallback: 'question', ignored: 'ignored' };

function toolsFor(context: TurnContext, log: Logger, seal: (reply: Reply) => Reply, onReplace: (reply: Reply) => Promise<void>): TurnTools & { done(): void } {
  let finished = false;
  let typed = false;
  const timer = setTimeout(() => {
    if (finished || typed) return;
    typed = true;
    context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
  }, TYPING_AFTER_MS);
  return {
    log,
    async reply(reply: Reply | string): Promise<SentMessage> {
      const activity = typeof reply === 'string' ? toActivity({ kind: 'text', text: reply }) : toActivity(seal(reply));
      const response = await context.sendActivity(activity);
      return { messageId: response?.id };
    },
    replaceCard: (reply) => onReplace(seal(reply)),
    async typing() {
      if (typed) return;
      typed = true;
      await context.sendActivity({ type: ActivityTypes.Typing });
    },
    done() {
      finished = true;
      clearTimeout(timer);
    },
  };
}

/**
 * The edge's turn logic: capture the conversation's address, translate the activity into the
 * project's own message or card action, dispatch it through the router, and turn errors into
 * words at this one boundary (domain errors in the user's language; bugs as an apology with a
 * reference id, the details only in the log).
 */
export function createTurnHandler(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  const { router, conversations, signer, logger, defaultLocale } = deps;
  const metrics = deps.metrics ?? noMetrics;

  async function capture(activity: Activity): Promise<ConversationAddress> {
    const address = addressFromActivity(activity);
    if (address.conversationId && address.serviceUrl) await conversations.save(address);
    return address;
  }

  async function welcomeIfAdded(context: TurnContext, address: ConversationAddress, lang: Lang): Promise<void> {
    const activity = context.activity;
    const installed = activity.type === ActivityTypes.InstallationUpdate && (activity.action === 'add' || activity.action === 'add-upgrade');
    const removed = activity.type === ActivityTypes.InstallationUpdate && activity.action?.startsWith('remove');
    if (removed) {
      await conversations.remove(address.conversationId);
      return;
    }
    // Teams sends a conversationUpdate as well; welcoming only on installationUpdate says hello once.
    if (installed) await context.sendActivity(toActivity(deps.welcome(address, lang)));
  }

  return async function onTurn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const lang = langOf(activity.locale, langOf(defaultLocale));
    const log = logger.child({ activityId: activity.id, type: activity.type, conversationKind: activity.conversation?.conversationType });
    const started = performance.now();
    let kind = 'other';
    let outcome = 'ok';
    let invokeReply: Reply | undefined;
    // Teams sends invokes for features the app may not declare; those are answered 501.
    const unsupported = activity.type === ActivityTypes.Invoke && !SUPPORTED_INVOKES.has(activity.name ?? '');
    // Cards in a personal chat are sealed for the person the chat is with (see CardSigner.seal).
    const recipient = activity.conversation?.conversationType === 'personal' ? activity.from?.aadObjectId : undefined;
    let cardDecided: ((by: string, verb: string) => Promise<void>) | undefined;
    const tools = toolsFor(context, log, (reply) => signer.sealReply(reply, recipient), async (reply) => {
      if (activity.type === ActivityTypes.Invoke) {
        invokeReply = reply;
      } else if (activity.replyToId) {
        await replaceOrSend(context, toActivity(reply), activity.replyToId, log);
      } else {
        await context.sendActivity(toActivity(reply));
      }
      await cardDecided?.(activity.from?.name ?? '', String(cardPayloadOf(activity)?.payload.verb ?? ''));
    });
    try {
      if (unsupported) {
        kind = 'ignored';
        log.info({ name: activity.name }, 'unsupported invoke');
        return;
      }
      const address = await capture(activity);
      if (activity.type === ActivityTypes.InstallationUpdate || activity.type === ActivityTypes.ConversationUpdate) {
        kind = 'install';
        await welcomeIfAdded(context, address, lang);
        return;
      }
      if (isFileConsent(activity) && deps.files) {
        await answerFileConsent(context, deps.files, lang, log);
        return;
      }
      const card = cardPayloadOf(activity);
      if (card) {
        kind = 'card';
        if (!signer.verify(card.payload.verb, card.payload.args ?? {}, card.payload.sig)) {
          log.warn({ verb: typeof card.payload.verb === 'string' ? card.payload.verb : undefined }, 'refused a card action with a bad signature');
          throw CARD_TAMPERED;
        }
        const args = (card.payload.args ?? {}) as Record<string, unknown>;
        if (!isForSender(args, activity.from?.aadObjectId)) {
          log.warn({ verb: card.payload.verb }, 'refused a click on a card sent to someone else');
          throw CARD_NOT_YOURS;
        }
        const action = toCardAction(activity, card.kind, card.payload, defaultLocale);
        log.info({ verb: action.verb }, 'card action');
        await deps.decisions.run(cardIdOf(args), async (decided) => {
          cardDecided = decided;
          await router.dispatchAction(action, tools);
        });
      } else if (activity.type === ActivityTypes.Message) {
        const message = toInboundMessage(activity, defaultLocale);
        kind = 'ignored';
        if (!message.text) return;
        await router.dispatchMessage(message, tools, (route) => { kind = ROUTE_KIND[route]; });
      } else {
        log.debug('ignored activity');
      }
    } catch (error) {
      outcome = isDomainError(error) ? 'refused' : 'failed';
      if (isDomainError(error)) {
        log.info({ code: error.code }, 'domain error');
        await context.sendActivity(toActivity({ kind: 'text', text: say(error.userText, lang, error.vars) }));
      } else {
        // The reference the user quotes is the request id, so it finds every line of this turn.
        const ref = currentRequestId() ?? newReferenceId();
        log.error({ err: error, ref }, 'turn failed');
        await context.sendActivity(toActivity({ kind: 'text', text: say(APOLOGY, lang, { ref }) })).catch((sendError: unknown) =>
          log.error({ err: sendError, ref }, 'could not send the apology'),
        );
      }
    } finally {
      tools.done();
      metrics.count('turns', { kind, outcome });
      metrics.observe('turn', secondsSince(started), { kind });
      if (activity.type === ActivityTypes.Invoke) {
        const response: InvokeResponse = unsupported ? { status: 501 } : invokeReply
          ? { status: 200, body: invokeReply.kind === 'card'
            ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: invokeReply.card }
            : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: invokeReply.text } }
          : { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' } };
        await context.sendActivity({ type: 'invokeResponse', value: response });
      }
    }
  };
}
