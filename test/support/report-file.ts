import { fileConsentInvoke, personalConversationId, personalMessage, type Person } from './activities.js';
import type { Harness } from './bot-harness.js';

/**
 * Asks for a report in the person's personal chat, accepts the file consent card the bot sends,
 * and returns the CSV the bot uploaded (as the person would open it).
 */
export async function reportCsv(bot: Harness, person: Person, command: string): Promise<string> {
  const serviceUrl = bot.connector.url;
  await bot.ask(personalMessage(person, command, { serviceUrl }));
  const card = bot.connector.consentCards(personalConversationId(person)).at(-1);
  if (!card) throw new Error(`No file consent card after "${command}"`);
  await bot.post(fileConsentInvoke(person, 'accept', card.content.acceptContext, bot.connector.uploadInfo(card.name), { serviceUrl }));
  const upload = bot.connector.uploads.get(card.name);
  if (!upload) throw new Error(`The bot uploaded nothing for ${card.name}`);
  return upload.content;
}
