/**
 * `npm run chat`: a terminal client for trying Tugibot without Teams or Azure. It sends real-shaped
 * Teams activities to the bot with `deliveryMode: expectReplies` and acts as the Bot Connector
 * itself on loopback, so proactive messages, card updates and new channel threads show up too.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createIdSource } from './chat/activities.js';
import { sendToBot } from './chat/bot-client.js';
import { handleLine } from './chat/commands.js';
import { startConnector, type RunningConnector } from './chat/connector.js';
import { MessageBook } from './chat/message-book.js';
import { parseChatOptions, USAGE, type ChatOptions } from './chat/options.js';
import { Presenter } from './chat/presenter.js';
import { ChatSession } from './chat/session.js';
import { createTerminal } from './chat/terminal.js';
import { t } from './chat/texts.js';

async function run(options: ChatOptions): Promise<number> {
  const terminal = createTerminal();
  const style = { ansi: Boolean(process.stdout.isTTY), width: process.stdout.isTTY ? process.stdout.columns : undefined };
  const book = new MessageBook();
  const newId = createIdSource();
  let shown = 0;
  // The presenter and the connector need the session's state, and the session needs them.
  const late: { session?: ChatSession } = {};
  const lang = () => late.session?.lang() ?? 'et';
  const presenter = new Presenter({
    write: (text) => { shown += 1; terminal.write(text); },
    style,
    lang,
    book,
    labelOf: (conversationId) => late.session?.labelOf(conversationId),
    newId,
  });
  let connector: RunningConnector;
  try {
    connector = await startConnector({
      port: options.port,
      onEvent: (event) => presenter.showConnectorEvent(event),
      people: () => late.session?.people() ?? [],
      tenantId: () => options.tenant,
      newId,
    });
  } catch (error) {
    process.stderr.write(`The local Bot Connector could not listen on 127.0.0.1:${options.port}: ${(error as Error).message}\n`);
    terminal.close();
    return 1;
  }
  const session = new ChatSession({
    options,
    serviceUrl: connector.serviceUrl,
    presenter,
    book,
    style,
    write: (text) => terminal.write(text),
    ask: (prompt) => terminal.readLine(prompt),
    send: (activity) => sendToBot(options.url, activity),
    newId,
    sleep: (ms) => sleep(ms),
    shownCount: () => shown,
  });
  late.session = session;
  await session.start();
  for (;;) {
    const line = await terminal.readLine(session.prompt());
    if (line === undefined) {
      if (terminal.interactive) terminal.write('\n');
      break;
    }
    if ((await handleLine(session, line)) === 'quit') break;
  }
  terminal.write(`${t(session.lang(), 'bye')}\n`);
  terminal.close();
  await connector.close();
  return !terminal.interactive && session.failures > 0 ? 1 : 0;
}

const parsed = parseChatOptions(process.argv.slice(2));
if (parsed.kind === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else if (parsed.kind === 'error') {
  process.stderr.write(`${parsed.problems.join('\n')}\nSee: npm run chat -- --help\n`);
  process.exitCode = 2;
} else {
  process.exitCode = await run(parsed.options);
}
