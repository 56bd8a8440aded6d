import type { ConversationStore } from './conversations.js';
import { FILE_TEXTS, type FileShelf, type OutgoingFile } from './file-shelf.js';
import { say } from './i18n.js';
import type { Logger } from './logger.js';
import type { ConversationAddress, InboundMessage, Messenger, TurnTools } from './messaging.js';

export interface ReportSender {
  messenger: Messenger;
  conversations: ConversationStore;
  files: FileShelf;
  logger: Logger;
}

/** The asker's personal chat: the one the bot knows, else a new one opened through the channel's service. */
async function personalChatOf(deps: ReportSender, message: InboundMessage): Promise<ConversationAddress | undefined> {
  const aad = message.from.aadObjectId;
  if (!aad) return undefined;
  const known = await deps.conversations.personalFor(aad);
  if (known) return known;
  try {
    return await deps.messenger.openPersonalChat({ aadObjectId: aad, tenantId: message.address.tenantId }, message.address);
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not open a personal chat to send a report file');
    return undefined;
  }
}

/**
 * Sends a report as a file (Teams caps a message at about 100 KB and renders no table). In a
 * personal chat: the summary, then the file consent card. Asked in a channel: the summary with its
 * counts there, and the file to the asker personally, so nobody else sees the rows.
 */
export async function sendReport(deps: ReportSender, message: InboundMessage, tools: TurnTools, summary: string, file: OutgoingFile): Promise<void> {
  const owner = message.from.aadObjectId ?? message.from.teamsId;
  if (message.address.kind === 'personal') {
    await tools.reply(summary);
    await deps.messenger.offerFile(message.address, deps.files.offer(file, owner));
    return;
  }
  const personal = await personalChatOf(deps, message);
  if (!personal) {
    await tools.reply(`${summary}\n\n${say(FILE_TEXTS.noPersonalChat, message.lang)}`);
    return;
  }
  await deps.messenger.offerFile(personal, deps.files.offer(file, owner));
  await tools.reply(`${summary}\n\n${say(FILE_TEXTS.sentPersonally, message.lang, { name: file.name })}`);
}
