import { ActivityTypes, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import { FILE_TEXTS, type FileShelf } from '../shared/file-shelf.js';
import { say, type Lang } from '../shared/i18n.js';
import type { Logger } from '../shared/logger.js';
import type { FileOffer } from '../shared/messaging.js';

export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

/** Teams' file consent card: Teams asks the person, and answers with a `fileConsent/invoke`. */
export function fileConsentAttachment(offer: FileOffer): Attachment {
  const context = { fileId: offer.id };
  return {
    contentType: FILE_CONSENT,
    name: offer.name,
    content: { description: offer.description, sizeInBytes: offer.sizeInBytes, acceptContext: context, declineContext: context },
  };
}

interface ConsentValue {
  type?: string;
  action?: 'accept' | 'decline';
  context?: { fileId?: string };
  uploadInfo?: { contentUrl?: string; name?: string; uploadUrl?: string; uniqueId?: string; fileType?: string };
}

export function isFileConsent(activity: Activity): boolean {
  return activity.type === ActivityTypes.Invoke && activity.name === 'fileConsent/invoke';
}

/** Uploads in one PUT to the upload session Teams made in the person's OneDrive. */
async function upload(url: string, bytes: Buffer): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-length': String(bytes.length), 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: new Uint8Array(bytes),
  });
  if (!response.ok) throw new Error(`the upload address answered ${response.status}`);
}

/**
 * The person's answer to a file consent card. Accept: the file (only for the person it was
 * offered to) goes to the upload address Teams gave, and a file info card shows it in the chat.
 * Decline: the offer is dropped, and the bot says so. Unknown offers have expired (an hour, or a
 * restart) and the bot says that too.
 */
export async function answerFileConsent(context: TurnContext, files: FileShelf, lang: Lang, log: Logger): Promise<void> {
  const value = (context.activity.value ?? {}) as ConsentValue;
  const fileId = value.context?.fileId ?? '';
  const personId = context.activity.from?.aadObjectId;
  const text = async (message: string) => { await context.sendActivity({ type: ActivityTypes.Message, text: message, textFormat: 'markdown' }); };
  if (value.action === 'decline') {
    const name = files.drop(fileId, personId);
    await text(name ? say(FILE_TEXTS.declined, lang, { name }) : say(FILE_TEXTS.expired, lang));
    return;
  }
  const taken = files.take(fileId, personId);
  if (!taken.ok) {
    log.info({ reason: taken.reason }, 'file consent for a file that cannot be sent');
    await text(say(taken.reason === 'expired' ? FILE_TEXTS.expired : FILE_TEXTS.notYours, lang));
    return;
  }
  const info = value.uploadInfo ?? {};
  try {
    if (!info.uploadUrl) throw new Error('Teams gave no upload address');
    await upload(info.uploadUrl, taken.bytes);
  } catch (error) {
    log.warn({ err: error, file: taken.file.name }, 'could not upload a report file');
    await text(say(FILE_TEXTS.uploadFailed, lang, { name: taken.file.name, reason: (error as Error).message }));
    return;
  }
  log.info({ file: taken.file.name, bytes: taken.bytes.length }, 'report file uploaded');
  await context.sendActivity({
    type: ActivityTypes.Message,
    attachments: [{ contentType: FILE_INFO, contentUrl: info.contentUrl, name: info.name ?? taken.file.name, content: { uniqueId: info.uniqueId, fileType: info.fileType ?? 'csv' } }],
  });
}
