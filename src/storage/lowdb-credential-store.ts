import type { CredentialWarningStore } from '../features/credentials/index.js';
import type { DataDir } from './data-dir.js';
import type { JsonDoc } from './json-doc.js';

export interface CredentialFile {
  version: 1;
  /** Expiry date (ISO) -> the thresholds (days) already warned about. */
  warned: Record<string, number[]>;
}

export const CREDENTIAL_DOC = 'credential-warnings';

/** `credential-warnings.json` in the data folder: which expiry warnings went out. */
export class LowdbCredentialStore implements CredentialWarningStore {
  private constructor(private readonly doc: JsonDoc<CredentialFile>) {}

  static async open(dataDir: DataDir): Promise<LowdbCredentialStore> {
    return new LowdbCredentialStore(await dataDir.doc<CredentialFile>(CREDENTIAL_DOC, { version: 1, warned: {} }));
  }

  async warned(expiresOn: string): Promise<number[]> {
    return this.doc.data.warned[expiresOn] ?? [];
  }

  async markWarned(expiresOn: string, thresholds: number[]): Promise<void> {
    await this.doc.update((data) => {
      data.warned[expiresOn] = [...new Set([...(data.warned[expiresOn] ?? []), ...thresholds])].sort((a, b) => b - a);
    });
  }
}
