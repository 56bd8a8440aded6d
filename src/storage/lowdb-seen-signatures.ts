import type { DataDir } from './data-dir.js';
import type { JsonDoc } from './json-doc.js';

interface Seen {
  key?: string;
  until: number;
}

export interface SeenFile {
  signatures: Record<string, Seen>;
}

export const SEEN_SIGNATURES_DOC = 'webhook-signatures';

/**
 * Incident webhook signatures accepted within their window, in `webhook-signatures.json`, so a
 * replay is refused after a restart too. Entries are forgotten once stale (300 s after their
 * timestamp), so the file holds at most one window's worth; the replay guard caps that number.
 */
export class LowdbSeenSignatures {
  private constructor(private readonly doc: JsonDoc<SeenFile>) {}

  static async open(dataDir: DataDir): Promise<LowdbSeenSignatures> {
    return new LowdbSeenSignatures(await dataDir.doc<SeenFile>(SEEN_SIGNATURES_DOC, { signatures: {} }));
  }

  async find(signature: string, nowSeconds: number): Promise<Seen | undefined> {
    const entry = Object.hasOwn(this.doc.data.signatures, signature) ? this.doc.data.signatures[signature] : undefined;
    return entry && entry.until >= nowSeconds ? entry : undefined;
  }

  async count(nowSeconds: number): Promise<number> {
    let live = 0;
    for (const entry of Object.values(this.doc.data.signatures)) if (entry.until >= nowSeconds) live += 1;
    return live;
  }

  remember(signature: string, seen: Seen, nowSeconds: number): Promise<void> {
    return this.doc.update((data) => {
      for (const [sig, entry] of Object.entries(data.signatures)) if (entry.until < nowSeconds) delete data.signatures[sig];
      data.signatures[signature] = seen.key === undefined ? { until: seen.until } : { key: seen.key, until: seen.until };
    });
  }
}
