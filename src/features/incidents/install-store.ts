/** Where a person's proactive install stands (issue 12, item 5). */
export type InstallState = 'pending' | 'installed' | 'already' | 'failed' | 'forbidden';

/** The bot's own address parts in this tenant, copied from a conversation it has: a new chat needs them. */
export interface InstallVia {
  serviceUrl: string;
  tenantId?: string;
  botId: string;
  botName?: string;
}

/** One person the bot installs itself for; one record per person, whatever the number of notices. */
export interface AppInstall {
  /** The person's Entra object id, lower case. */
  id: string;
  state: InstallState;
  /** The notices waiting for this person. */
  incidents: string[];
  /** `chat` once the install call succeeded: only the chat id is still to be read. */
  step?: 'chat';
  /** What the install call answered: created, or there already. */
  outcome?: 'installed' | 'already';
  attempts: number;
  /** Epoch ms before which the person waits (Retry-After or backoff). */
  nextAttemptAt?: number;
  via?: InstallVia;
  chatId?: string;
  failure?: string;
  /** Epoch ms until which the replica that claimed this person is making its calls; the others leave it alone. */
  leaseUntil?: number;
  updatedAt: string;
}

export interface InstallStore {
  get(id: string): Promise<AppInstall | undefined>;
  put(install: AppInstall): Promise<void>;
  /** Writes `install` only if the stored record's `updatedAt` is still `expectedUpdatedAt`: the claim that makes one replica work on a person. */
  claim(install: AppInstall, expectedUpdatedAt: string): Promise<boolean>;
  /** Every record (read-only). */
  all(): Promise<readonly AppInstall[]>;
}
