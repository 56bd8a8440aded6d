import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import type { Text } from './i18n.js';
import type { FileOffer } from './messaging.js';

/** A report the bot sends as a file: CSV text with a name and a one-line description. */
export interface OutgoingFile {
  name: string;
  content: string;
  description: string;
  contentType?: string;
}

interface Pending {
  file: OutgoingFile;
  bytes: Buffer;
  ownerId: string;
  at: number;
}

export type Taken = { ok: true; file: OutgoingFile; bytes: Buffer } | { ok: false; reason: 'expired' | 'not-yours' };

/** How long an offered file waits for the person to accept it. */
export const FILE_OFFER_TTL_MS = 60 * 60_000;
const MAX_PENDING = 500;

export const FILE_TEXTS = {
  declined: { et: 'Selge, jätsin faili {name} saatmata.', en: 'All right, I have not sent the file {name}.' },
  expired: {
    et: 'See fail on aegunud (pakkumine kehtib tund aega ja kaob, kui bot vahepeal taaskäivitub). Palun küsi aruannet uuesti.',
    en: 'This file has expired (an offer lasts an hour and is lost if the bot restarts in between). Please ask for the report again.',
  },
  notYours: { et: 'Seda faili ei pakutud sulle, seega ei saada ma seda.', en: 'This file was not offered to you, so I will not send it.' },
  uploadFailed: { et: 'Faili {name} üleslaadimine ebaõnnestus ({reason}). Palun küsi aruannet uuesti.', en: 'Uploading the file {name} failed ({reason}). Please ask for the report again.' },
  sentPersonally: { et: 'Saatsin faili {name} sulle isiklikku vestlusse.', en: 'I sent the file {name} to you in our personal chat.' },
  noPersonalChat: { et: 'Faili saatmiseks ava minuga isiklik vestlus ja küsi seal uuesti.', en: 'To get the file, open a personal chat with me and ask there again.' },
} satisfies Record<string, Text>;

/**
 * Files offered and not yet accepted, kept in memory only: a report can hold names and roles, so
 * it is not written to disk, and a restart between the offer and the accept says the file
 * expired. Only the person it was offered to can take it.
 */
export class FileShelf {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly clock: Clock, private readonly ttlMs = FILE_OFFER_TTL_MS) {}

  offer(file: OutgoingFile, ownerId: string): FileOffer {
    this.sweep();
    const id = randomUUID();
    const bytes = Buffer.from(file.content, 'utf8');
    this.pending.set(id, { file, bytes, ownerId: ownerId.toLowerCase(), at: this.clock.now().getTime() });
    return { id, name: file.name, sizeInBytes: bytes.length, description: file.description };
  }

  /** Takes an offered file out, once, for the person it was offered to. */
  take(id: string, personId: string | undefined): Taken {
    const found = this.pending.get(id);
    if (!found || this.clock.now().getTime() - found.at > this.ttlMs) {
      this.pending.delete(id);
      return { ok: false, reason: 'expired' };
    }
    if (!personId || personId.toLowerCase() !== found.ownerId) return { ok: false, reason: 'not-yours' };
    this.pending.delete(id);
    return { ok: true, file: found.file, bytes: found.bytes };
  }

  /** The name of a pending file (for the decline answer); the offer is dropped. */
  drop(id: string, personId: string | undefined): string | undefined {
    const found = this.pending.get(id);
    if (!found || !personId || personId.toLowerCase() !== found.ownerId) return undefined;
    this.pending.delete(id);
    return found.file.name;
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [id, item] of this.pending) if (now - item.at > this.ttlMs) this.pending.delete(id);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
  }
}
