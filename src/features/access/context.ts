import type { FeatureDeps } from '../../shared/feature.js';
import { langOf, type Lang } from '../../shared/i18n.js';
import type { Logger } from '../../shared/logger.js';
import type { ConversationAddress, Reply } from '../../shared/messaging.js';
import type { Catalogue } from './catalogue.js';
import { dayOf } from './dates.js';
import type { AuditEntry, PersonRef } from './model.js';
import type { AccessStores } from './stores.js';
import { maskPersonalCodes } from '../../shared/personal-code.js';
import { newId } from '../../shared/ids.js';

/** Everything the access services share: the catalogue, the stores and the app's ports. */
export class AccessContext {
  readonly log: Logger;
  readonly channelLang: Lang;
  /** This process, as the holder of the scan's lease. */
  readonly holder = newId();

  constructor(readonly deps: FeatureDeps, readonly catalogue: Catalogue, readonly stores: AccessStores) {
    this.log = deps.logger.child({ feature: 'access' });
    this.channelLang = langOf(deps.config.defaultLocale);
  }

  now(): Date {
    return this.deps.clock.now();
  }

  today(): string {
    return dayOf(this.now());
  }

  /** The year whose series (`LIG-2026-…`) a record made now is numbered in. */
  year(): number {
    return Number(this.today().slice(0, 4));
  }

  /** The audit log goes out in reports and exports: a typed detail keeps no personal code. */
  async audit(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    const detail = entry.detail === undefined ? {} : { detail: maskPersonalCodes(entry.detail) };
    await this.stores.audit.append({ at: this.now().toISOString(), ...entry, ...detail });
  }

  async person(id: string, fallbackName = ''): Promise<PersonRef> {
    const found = await this.deps.directory.find(id);
    return { id, name: found?.name ?? fallbackName ?? id };
  }

  /** The person's language for a proactive message: their stored chat's locale, else the default. */
  async langOf(personId: string): Promise<Lang> {
    return langOf((await this.deps.conversations.personalFor(personId))?.locale, this.channelLang);
  }

  /**
   * Sends to a person's personal chat; opens it through `via` when the bot has not talked to them.
   * A failure is logged, not thrown: the record is already saved, and the person sees it with the commands.
   */
  async tellPerson(personId: string, reply: Reply, via?: ConversationAddress): Promise<{ address: ConversationAddress; messageId: string } | undefined> {
    const { conversations, messenger } = this.deps;
    try {
      const address = (await conversations.personalFor(personId)) ?? (via ? await messenger.openPersonalChat({ aadObjectId: personId, tenantId: via.tenantId }, via) : undefined);
      if (!address) {
        this.log.warn({ personId }, 'no personal chat with this person yet; notice not sent');
        return undefined;
      }
      const sent = await messenger.send(address, reply);
      return sent.messageId ? { address, messageId: sent.messageId } : undefined;
    } catch (error) {
      this.log.warn({ err: error, personId }, 'could not send a personal notice');
      return undefined;
    }
  }

  /** The specialists' channel, once the bot has seen it (installation or any message there). */
  async channel(): Promise<ConversationAddress | undefined> {
    const id = this.deps.config.specialistsChannelId;
    return id ? this.deps.conversations.channel(id) : undefined;
  }
}
