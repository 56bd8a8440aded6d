import type { ArticleTitles } from '../../shared/article-titles.js';
import type { CardSigner } from '../../shared/card-signer.js';
import type { ConversationStore } from '../../shared/conversations.js';
import { langOf, type Lang } from '../../shared/i18n.js';
import type { Logger } from '../../shared/logger.js';
import { mentionReply, type Mention, type Messenger, type Reply } from '../../shared/messaging.js';
import { say, type Text } from '../../shared/i18n.js';
import type { Case } from './case.js';
import { channelCard } from './channel-card.js';

export interface NotifierDeps {
  messenger: Messenger;
  conversations: ConversationStore;
  signer: CardSigner;
  logger: Logger;
  channelId: string;
  /** The language of the specialists' channel. */
  channelLang: Lang;
  defaultLang: Lang;
  /** Titles for the articles the bot showed, so the card shows no internal ids. */
  articleTitles?: ArticleTitles;
  /** Who is called when a case has no assignee (`DESK_MENTION`): a person or a Teams tag. */
  deskMention?: Mention;
}

/**
 * Everything the cases feature says outside the turn it runs in: proactive messages in the
 * requester's personal chat, notes in the case's channel thread, and the channel card itself.
 * A failed send is logged (without the text) and never undoes the change that caused it.
 */
export class CaseNotifier {
  constructor(private readonly deps: NotifierDeps) {}

  get channelLang(): Lang {
    return this.deps.channelLang;
  }

  /** The requester's language: from their chat's locale, else the one of their last message. */
  async requesterLang(item: Case): Promise<Lang> {
    const address = await this.deps.conversations.personalFor(item.requester.aadObjectId);
    return langOf(address?.locale ?? item.requester.locale, this.deps.defaultLang);
  }

  async toRequester(item: Case, build: (lang: Lang) => Reply): Promise<boolean> {
    const address = await this.deps.conversations.personalFor(item.requester.aadObjectId);
    const log = this.deps.logger.child({ feature: 'cases', caseId: item.id });
    if (!address) {
      log.warn('the requester has no known personal chat; message not sent');
      return false;
    }
    try {
      await this.deps.messenger.send(address, build(await this.requesterLang(item)));
      return true;
    } catch (error) {
      log.warn({ err: error }, 'could not message the requester');
      return false;
    }
  }

  async toThread(item: Case, build: (lang: Lang) => Reply): Promise<boolean> {
    if (!item.thread) return false;
    try {
      await this.deps.messenger.send(item.thread.address, build(this.deps.channelLang));
      return true;
    } catch (error) {
      this.deps.logger.warn({ err: error, feature: 'cases', caseId: item.id }, 'could not post in the case thread');
      return false;
    }
  }

  /**
   * Calls the desk in the case's thread: @mentions the assignee, else the desk's tag or person,
   * so Teams notifies them even when they do not follow the channel. `text` has a `{who}`.
   */
  async callDesk(item: Case, text: Text, vars: Record<string, string> = {}): Promise<boolean> {
    const mention: Mention | undefined = item.assignee
      ? { id: item.assignee.aadObjectId, name: item.assignee.name, kind: 'person' }
      : this.deps.deskMention;
    return this.toThread(item, (lang) => mentionReply(mention, (who) => say(text, lang, { ...vars, who }).replace(/^\s+/, '')));
  }

  /**
   * Posts the case's card as a new thread, or updates it in place. Returns the thread when a new
   * one was posted, `true` when the card is current, `false` when it must be tried again later.
   */
  async showCard(item: Case): Promise<Case['thread'] | boolean> {
    const card = channelCard(item, this.deps.signer, this.deps.channelLang, this.deps.articleTitles);
    const log = this.deps.logger.child({ feature: 'cases', caseId: item.id });
    try {
      if (item.thread) {
        await this.deps.messenger.update(item.thread.address, item.thread.messageId, card);
        return true;
      }
      const channel = this.deps.channelId ? await this.deps.conversations.channel(this.deps.channelId) : undefined;
      if (!channel) {
        log.info('the specialists channel is not known yet; the card waits');
        return false;
      }
      return await this.deps.messenger.postToChannel(channel, card);
    } catch (error) {
      log.warn({ err: error }, 'could not show the case card; will try again');
      return false;
    }
  }

  /** Posts a message that is not about one case (the daily digest) as a new thread. */
  async toChannel(reply: Reply): Promise<boolean> {
    const channel = this.deps.channelId ? await this.deps.conversations.channel(this.deps.channelId) : undefined;
    if (!channel) return false;
    try {
      await this.deps.messenger.postToChannel(channel, reply);
      return true;
    } catch (error) {
      this.deps.logger.warn({ err: error, feature: 'cases' }, 'could not post in the specialists channel');
      return false;
    }
  }
}
