import { splitChannelConversation } from './activities.js';
import { isChannelId, isGuid, isLocale, normaliseLocale } from './options.js';
import { pressButton } from './press-button.js';
import type { ChatSession } from './session.js';
import { t } from './texts.js';

export type LineResult = 'quit' | 'continue';

const MAX_WAIT_SECONDS = 600;

function listCards(session: ChatSession): void {
  const cards = session.book().recentCards();
  if (cards.length === 0) {
    session.say('noCards');
    return;
  }
  const active = session.activeCard();
  const lines = cards.map((entry) => {
    const buttons = (entry.card?.actions ?? []).map((action, index) => `[${index + 1}] ${String(action.title ?? action.verb ?? '')}`).join('  ');
    const where = session.labelOf(entry.conversationId);
    return `${entry === active ? '*' : ' '} #${entry.no} ${entry.card?.title ?? '…'}${where ? ` [${where}]` : ''}  ${buttons}`;
  });
  session.deps.write(`${t(session.lang(), 'cardsHeader')}\n${lines.join('\n')}\n`);
}

async function switchUser(session: ChatSession, args: string[]): Promise<void> {
  const [id, ...name] = args;
  if (!id || !isGuid(id)) {
    session.say('badUser');
    return;
  }
  session.switchUser(id, name.length > 0 ? name.join(' ') : undefined);
  session.say('userSwitched', { name: session.identity.name, user: session.identity.aadObjectId });
  await session.introduce();
}

async function switchChannel(session: ChatSession, args: string[]): Promise<void> {
  const [channelId, teamId] = args;
  if (!channelId || !isChannelId(channelId)) {
    session.say('badChannel');
    return;
  }
  session.mode = { kind: 'channel', channelId, teamId: teamId ?? session.teamOf(channelId) };
  session.say('channelEntered', { channel: channelId, team: session.mode.kind === 'channel' ? session.mode.teamId : '' });
  await session.introduce();
}

function chooseThread(session: ChatSession, args: string[]): void {
  const mode = session.mode;
  if (mode.kind !== 'channel') {
    session.say('notInChannel');
    return;
  }
  if (args.length === 0) {
    session.mode = { ...mode, threadRootId: undefined };
    session.say('threadCleared');
    return;
  }
  const entry = session.book().byNumber(Number(args[0]));
  const where = entry && splitChannelConversation(entry.conversationId);
  if (!entry || !where || where.channelId !== mode.channelId) {
    session.say('noSuchThread', { no: args[0] });
    return;
  }
  session.mode = { ...mode, threadRootId: where.threadRootId ?? entry.wireId };
  session.say('threadChosen', { no: entry.no });
}

function describePlace(session: ChatSession): string {
  const lang = session.lang();
  const mode = session.mode;
  if (mode.kind === 'personal') return t(lang, 'placePersonal');
  if (!mode.threadRootId) return t(lang, 'placeChannel', { channel: mode.channelId });
  return t(lang, 'placeThread', { channel: mode.channelId, thread: session.book().numberOf(mode.threadRootId) });
}

/** The client's own `/` commands. */
async function runCommand(session: ChatSession, command: string, args: string[], rest: string): Promise<LineResult> {
  switch (command) {
    case '/quit': case '/exit': return 'quit';
    case '/help': session.say('help'); break;
    case '/say': if (rest) await session.sendText(rest); break;
    case '/cards': listCards(session); break;
    case '/card': {
      const entry = session.book().select(Number(args[0]));
      if (entry) session.say('cardActive', { no: entry.no, card: entry.card?.title ?? '…' });
      else session.say('noSuchCard', { no: args[0] ?? '' });
      break;
    }
    case '/user': await switchUser(session, args); break;
    case '/locale':
      if (args[0] && isLocale(args[0])) {
        session.locale = normaliseLocale(args[0]);
        session.say('localeSwitched', { locale: session.locale });
      } else session.say('badLocale');
      break;
    case '/channel': await switchChannel(session, args); break;
    case '/thread': chooseThread(session, args); break;
    case '/personal':
      session.mode = { kind: 'personal' };
      session.say('personalEntered');
      await session.introduce();
      break;
    case '/whoami':
      session.say('whoami', { name: session.identity.name, user: session.identity.aadObjectId, tenant: session.tenantId, locale: session.locale, place: describePlace(session) });
      break;
    case '/wait': {
      const seconds = Number(args[0]);
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_WAIT_SECONDS) session.say('badWait');
      else await session.deps.sleep(seconds * 1000);
      break;
    }
    case '/cancel': break;
    default: session.say('unknownCommand', { command });
  }
  return 'continue';
}

/** One line the person typed: a client command, a button number, or a message for the bot. */
export async function handleLine(session: ChatSession, line: string): Promise<LineResult> {
  const text = line.trim();
  if (text === '') return 'continue';
  if (text.startsWith('/')) {
    const [command, ...args] = text.split(/\s+/);
    return runCommand(session, command.toLowerCase(), args, text.slice(command.length).trim());
  }
  const active = /^\d{1,2}$/.test(text) ? session.activeCard() : undefined;
  if (active) await pressButton(session, active, Number(text));
  else await session.sendText(text);
  return 'continue';
}
