/** The bot's account in every local conversation (Teams uses `28:<app id>`). */
export const BOT_ACCOUNT = { id: '28:tugibot-local', name: 'Tugibot' } as const;

export interface Attachment {
  contentType: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
}

/** A Bot Framework activity as it travels as JSON; only the fields this client reads or writes. */
export interface WireActivity {
  type: string;
  id?: string;
  name?: string;
  action?: string;
  timestamp?: string;
  localTimestamp?: string;
  channelId?: string;
  serviceUrl?: string;
  from?: { id: string; name?: string; aadObjectId?: string };
  recipient?: { id: string; name?: string };
  conversation?: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  channelData?: Record<string, unknown>;
  entities?: Array<Record<string, unknown>>;
  locale?: string;
  deliveryMode?: string;
  text?: string;
  textFormat?: string;
  summary?: string;
  value?: unknown;
  replyToId?: string;
  attachments?: Attachment[];
  [key: string]: unknown;
}

export interface Identity {
  aadObjectId: string;
  name: string;
}

/** Who is talking, from where: the parts of an activity that do not depend on the conversation. */
export interface Speaker {
  identity: Identity;
  tenantId: string;
  locale: string;
  /** The client's own Bot Connector, where the bot sends everything outside the turn. */
  serviceUrl: string;
}

/** The conversation an activity is said in. */
export type Place =
  | { kind: 'personal'; conversationId: string }
  | { kind: 'channel'; channelId: string; teamId: string; threadRootId?: string };

/** A stable personal chat per user, so the bot finds the same conversation on every run. */
export function personalConversationId(aadObjectId: string): string {
  return `a:local-${aadObjectId.toLowerCase()}`;
}

/** The user of a personal conversation made by `personalConversationId`. */
export function ownerOfConversation(conversationId: string): string | undefined {
  return /^a:local-(.+)$/.exec(conversationId)?.[1];
}

export function threadConversationId(channelId: string, rootId: string): string {
  return `${channelId};messageid=${rootId}`;
}

/** Splits `19:...@thread.tacv2;messageid=123` into the channel and the thread's root message. */
export function splitChannelConversation(conversationId: string): { channelId: string; threadRootId?: string } {
  const [channelId, rootId] = conversationId.split(';messageid=');
  return { channelId, threadRootId: rootId || undefined };
}

/** The place a conversation id names; `teamOf` gives the team of a channel. */
export function placeOfConversation(conversationId: string, teamOf: (channelId: string) => string): Place {
  if (!conversationId.startsWith('19:')) return { kind: 'personal', conversationId };
  const { channelId, threadRootId } = splitChannelConversation(conversationId);
  return { kind: 'channel', channelId, teamId: teamOf(channelId), threadRootId };
}

/**
 * Makes activity ids as Teams does: numbers that grow with time (channel message ids are also
 * the `messageid` of the thread they start).
 */
export function createIdSource(start: number = Date.now()): () => string {
  let last = start - 1;
  return () => {
    last = Math.max(last + 1, Date.now());
    return String(last);
  };
}

const MENTION_TEXT = `<at>${BOT_ACCOUNT.name}</at>`;

/** The conversation part of an activity; a new channel post starts its own thread. */
function conversationOf(speaker: Speaker, place: Place, id: string, rootPost: boolean): Pick<WireActivity, 'conversation' | 'channelData'> {
  if (place.kind === 'personal') {
    return {
      conversation: { id: place.conversationId, conversationType: 'personal', tenantId: speaker.tenantId },
      channelData: { tenant: { id: speaker.tenantId } },
    };
  }
  const threadRoot = place.threadRootId ?? (rootPost ? undefined : id);
  return {
    conversation: {
      id: threadRoot === undefined ? place.channelId : threadConversationId(place.channelId, threadRoot),
      conversationType: 'channel',
      isGroup: true,
      tenantId: speaker.tenantId,
    },
    channelData: {
      teamsChannelId: place.channelId,
      teamsTeamId: place.teamId,
      channel: { id: place.channelId },
      team: { id: place.teamId },
      tenant: { id: speaker.tenantId },
    },
  };
}

/** What every activity carries: ids, who speaks to whom, where, and `expectReplies`. */
export function baseActivity(type: string, speaker: Speaker, place: Place, id: string, options: { rootPost?: boolean } = {}): WireActivity {
  const { identity } = speaker;
  return {
    type,
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: speaker.serviceUrl,
    from: { id: `29:${identity.aadObjectId}`, aadObjectId: identity.aadObjectId, name: identity.name },
    recipient: { ...BOT_ACCOUNT },
    ...conversationOf(speaker, place, id, options.rootPost ?? false),
    locale: speaker.locale,
    deliveryMode: 'expectReplies',
  };
}

/** Sent once when the client starts a conversation: the bot captures the address and says hello. */
export function buildInstallationUpdate(speaker: Speaker, place: Place, id: string): WireActivity {
  return { ...baseActivity('installationUpdate', speaker, place, id, { rootPost: true }), action: 'add' };
}

/** A typed message; in a channel the bot is @mentioned, as Teams requires. */
export function buildMessage(speaker: Speaker, place: Place, id: string, text: string): WireActivity {
  const activity: WireActivity = { ...baseActivity('message', speaker, place, id), text, textFormat: 'plain' };
  if (place.kind === 'channel') {
    activity.text = `${MENTION_TEXT} ${text}`;
    activity.entities = [{ type: 'mention', text: MENTION_TEXT, mentioned: { ...BOT_ACCOUNT } }];
  }
  return activity;
}

/** An `Action.Submit` click: a message with no text whose `value` is the button's data plus the inputs. */
export function buildSubmit(speaker: Speaker, place: Place, id: string, click: { value?: Record<string, unknown>; text?: string; replyToId: string }): WireActivity {
  const activity: WireActivity = { ...baseActivity('message', speaker, place, id), replyToId: click.replyToId };
  if (click.value !== undefined) activity.value = click.value;
  if (click.text !== undefined) activity.text = click.text;
  return activity;
}

/** An `Action.Execute` click: the `adaptiveCard/action` invoke of Universal Actions. */
export function buildExecuteInvoke(
  speaker: Speaker,
  place: Place,
  id: string,
  click: { verb: string; data: Record<string, unknown>; replyToId: string; actionId?: string },
): WireActivity {
  const action: Record<string, unknown> = { type: 'Action.Execute', verb: click.verb, data: click.data };
  if (click.actionId) action.id = click.actionId;
  return {
    ...baseActivity('invoke', speaker, place, id),
    name: 'adaptiveCard/action',
    value: { action, trigger: 'manual' },
    replyToId: click.replyToId,
  };
}

/** The answer to a file consent card: accept (with where to upload) or decline. */
export function buildFileConsentInvoke(
  speaker: Speaker,
  place: Place,
  id: string,
  click: { action: 'accept' | 'decline'; context: unknown; uploadInfo?: Record<string, string>; replyToId: string },
): WireActivity {
  return {
    ...baseActivity('invoke', speaker, place, id),
    name: 'fileConsent/invoke',
    value: { type: 'fileUpload', action: click.action, context: click.context, ...(click.uploadInfo ? { uploadInfo: click.uploadInfo } : {}) },
    replyToId: click.replyToId,
  };
}
