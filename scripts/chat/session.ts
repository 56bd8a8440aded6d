import { langOf, type Lang } from '../../src/shared/i18n.js';
import {
  buildInstallationUpdate,
  buildMessage,
  ownerOfConversation,
  personalConversationId,
  splitChannelConversation,
  type Identity,
  type Place,
  type Speaker,
  type WireActivity,
} from './activities.js';
import type { BotAnswer } from './bot-client.js';
import { dim, type TextStyle } from './markdown.js';
import type { BookEntry, MessageBook } from './message-book.js';
import { defaultNameFor, type ChatOptions } from './options.js';
import type { Presenter } from './presenter.js';
import { t, type TextKey } from './texts.js';

export interface SessionDeps {
  options: ChatOptions;
  /** The client's own Bot Connector, given to the bot as `serviceUrl`. */
  serviceUrl: string;
  presenter: Presenter;
  book: MessageBook;
  style: TextStyle;
  write: (text: string) => void;
  ask: (prompt: string) => Promise<string | undefined>;
  send: (activity: WireActivity) => Promise<BotAnswer>;
  newId: () => string;
  sleep: (ms: number) => Promise<void>;
  /** How many bot messages have been shown so far, to notice a turn that showed nothing. */
  shownCount: () => number;
}

type Mode = { kind: 'personal' } | { kind: 'channel'; channelId: string; teamId: string; threadRootId?: string };

/**
 * The state of one chat run: who speaks, in which language, where; and the turn itself: send an
 * activity, show the answer, explain failures. Commands and clicks live in their own modules.
 */
export class ChatSession {
  identity: Identity;
  locale: string;
  readonly tenantId: string;
  mode: Mode;
  /** Turns that did not reach the bot or were refused; a piped run then exits non-zero. */
  failures = 0;
  private readonly known = new Map<string, string>();
  private readonly introduced = new Set<string>();

  constructor(readonly deps: SessionDeps) {
    const { options } = deps;
    this.identity = { aadObjectId: options.user, name: options.name };
    this.known.set(options.user, options.name);
    this.locale = options.locale;
    this.tenantId = options.tenant;
    this.mode = options.channel
      ? { kind: 'channel', channelId: options.channel, teamId: options.team ?? options.channel }
      : { kind: 'personal' };
  }

  lang(): Lang {
    return langOf(this.locale);
  }

  say(key: TextKey, vars: Record<string, string | number> = {}): void {
    this.deps.write(`${t(this.lang(), key, vars)}\n`);
  }

  note(key: TextKey, vars: Record<string, string | number> = {}): void {
    this.deps.write(`${dim(t(this.lang(), key, vars), this.deps.style)}\n`);
  }

  speaker(): Speaker {
    return { identity: this.identity, tenantId: this.tenantId, locale: this.locale, serviceUrl: this.deps.serviceUrl };
  }

  /** Everyone this client has spoken as, for the connector's roster. */
  people(): Identity[] {
    return [...this.known].map(([aadObjectId, name]) => ({ aadObjectId, name }));
  }

  nameOf(aadObjectId: string): string {
    return this.known.get(aadObjectId.toLowerCase()) ?? defaultNameFor(aadObjectId);
  }

  switchUser(aadObjectId: string, name?: string): void {
    const id = aadObjectId.toLowerCase();
    const chosen = name ?? this.known.get(id) ?? defaultNameFor(id);
    this.known.set(id, chosen);
    this.identity = { aadObjectId: id, name: chosen };
  }

  /** The team of a channel: the one given with `--team` for `--channel`, else the channel's own id. */
  teamOf(channelId: string): string {
    if (this.mode.kind === 'channel' && this.mode.channelId === channelId) return this.mode.teamId;
    if (channelId === this.deps.options.channel && this.deps.options.team) return this.deps.options.team;
    return channelId;
  }

  place(): Place {
    if (this.mode.kind === 'personal') return { kind: 'personal', conversationId: personalConversationId(this.identity.aadObjectId) };
    return { kind: 'channel', channelId: this.mode.channelId, teamId: this.mode.teamId, threadRootId: this.mode.threadRootId };
  }

  prompt(): string {
    if (this.mode.kind === 'personal') return `${this.identity.name}> `;
    const thread = this.mode.threadRootId ? ` #${this.book().numberOf(this.mode.threadRootId)}` : '';
    return `${this.identity.name} @ ${this.mode.channelId}${thread}> `;
  }

  book(): MessageBook {
    return this.deps.book;
  }

  /** Whether a conversation is where the person now talks: their personal chat, or any thread of their channel. */
  isHere(conversationId: string): boolean {
    const place = this.place();
    if (place.kind === 'personal') return conversationId === place.conversationId;
    return splitChannelConversation(conversationId).channelId === place.channelId;
  }

  /** The card a typed number clicks (see `MessageBook.active`). */
  activeCard(): BookEntry | undefined {
    return this.book().active((conversationId) => this.isHere(conversationId));
  }

  /** Names a conversation other than the person's current chat, for messages that arrive there. */
  labelOf(conversationId: string): string | undefined {
    const lang = this.lang();
    const owner = ownerOfConversation(conversationId);
    if (owner !== undefined) {
      if (this.mode.kind === 'personal' && owner === this.identity.aadObjectId) return undefined;
      return t(lang, 'labelChatOf', { name: this.nameOf(owner) });
    }
    if (!conversationId.startsWith('19:')) return t(lang, 'labelConversation', { id: conversationId });
    const { channelId, threadRootId } = splitChannelConversation(conversationId);
    if (!threadRootId) return t(lang, 'labelChannel', { channel: channelId });
    return t(lang, 'labelThread', { channel: channelId, thread: this.book().numberOf(threadRootId) });
  }

  /**
   * Sends one activity and shows the answer. A click passes the card it came from, so that an
   * invoke's answer can replace it. Returns false when the bot was not reached or refused it.
   */
  async turn(activity: WireActivity, clicked?: BookEntry): Promise<boolean> {
    const before = this.deps.shownCount();
    const answer = await this.deps.send(activity);
    const url = this.deps.options.url;
    switch (answer.kind) {
      case 'ok':
        this.deps.presenter.showReplies(answer.activities, activity.conversation?.id ?? '', clicked);
        if (activity.type === 'message' && this.deps.shownCount() === before) this.note('noReply');
        return true;
      case 'unreachable': this.say('unreachable', { url, reason: answer.reason }); break;
      case 'timeout': this.say('timeout', { url, seconds: answer.seconds }); break;
      case 'http': this.say('httpError', { status: answer.status, body: answer.body.trim() || '(—)' }); break;
      case 'notJson': this.say('badAnswer', { body: answer.body.slice(0, 500) }); break;
    }
    this.failures += 1;
    return false;
  }

  /** Tells the bot it was installed here, once per conversation in this run (it then welcomes). */
  async introduce(): Promise<boolean> {
    const place = this.place();
    const key = place.kind === 'personal' ? place.conversationId : place.channelId;
    if (this.introduced.has(key)) return true;
    const ok = await this.turn(buildInstallationUpdate(this.speaker(), place.kind === 'channel' ? { ...place, threadRootId: undefined } : place, this.deps.newId()));
    if (ok) this.introduced.add(key);
    return ok;
  }

  async sendText(text: string): Promise<void> {
    if (!(await this.introduce())) return;
    await this.turn(buildMessage(this.speaker(), this.place(), this.deps.newId(), text));
  }

  async start(): Promise<void> {
    const { options } = this.deps;
    this.say('banner', { name: this.identity.name, user: this.identity.aadObjectId, locale: this.locale, url: options.url, connector: this.deps.serviceUrl });
    if (this.mode.kind === 'channel') this.say('channelEntered', { channel: this.mode.channelId, team: this.mode.teamId });
    await this.introduce();
  }
}
