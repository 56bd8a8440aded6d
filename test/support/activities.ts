import { randomUUID } from 'node:crypto';
import type { SignedActionData } from '../../src/shared/card-signer.js';

/** Real-shaped Teams activities, as Teams posts them to /api/messages. */

export const TENANT = '5f0c7a2e-1b3d-4e6f-8a9b-0c1d2e3f4a5b';
export const BOT = { id: '28:tugibot-test', name: 'Tugibot' };

export interface Person {
  aadObjectId: string;
  name: string;
}

export const KATI: Person = { aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001', name: 'Kati Kasutaja' };
export const SIIM: Person = { aadObjectId: 'b2b2b2b2-0000-4000-8000-000000000002', name: 'Siim Spetsialist' };
export const MARI: Person = { aadObjectId: 'c3c3c3c3-0000-4000-8000-000000000003', name: 'Mari Maasikas' };

export const CHANNEL_ID = '19:specialists0000000000000000000@thread.tacv2';
export const TEAM_ID = '19:team000000000000000000000000000@thread.tacv2';

interface Common {
  serviceUrl: string;
  locale?: string;
  tenant?: string;
  expectReplies?: boolean;
}

function base(person: Person, common: Common, conversation: Record<string, unknown>, channelData: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: common.serviceUrl,
    locale: common.locale ?? 'et-EE',
    from: { id: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId, name: person.name },
    recipient: BOT,
    conversation: { tenantId: common.tenant ?? TENANT, ...conversation },
    channelData: { tenant: { id: common.tenant ?? TENANT }, ...channelData },
    ...(common.expectReplies ? { deliveryMode: 'expectReplies' } : {}),
  };
}

export function personalConversationId(person: Person): string {
  return `a:personal-${person.aadObjectId}`;
}

const personal = (person: Person) => ({ id: personalConversationId(person), conversationType: 'personal' });

export function personalMessage(person: Person, text: string, common: Common) {
  return { ...base(person, common, personal(person)), type: 'message', text, textFormat: 'plain' };
}

/** A message in a channel thread with the bot @mentioned, as Teams sends it. */
export function channelMention(person: Person, text: string, common: Common & { threadRootId?: string; channelId?: string }) {
  const channelId = common.channelId ?? CHANNEL_ID;
  const conversationId = common.threadRootId ? `${channelId};messageid=${common.threadRootId}` : channelId;
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(person, common, { id: conversationId, conversationType: 'channel', isGroup: true }, { team: { id: TEAM_ID }, channel: { id: channelId } }),
    type: 'message',
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
  };
}

/** An Action.Submit click: a message with the button data (plus inputs) as value and no text. */
export function cardSubmit(person: Person, data: SignedActionData, inputs: Record<string, unknown>, common: Common & { replyToId?: string; conversation?: Record<string, unknown>; channelData?: Record<string, unknown> }) {
  return {
    ...base(person, common, common.conversation ?? personal(person), common.channelData),
    type: 'message',
    value: { ...data, ...inputs },
    ...(common.replyToId ? { replyToId: common.replyToId } : {}),
  };
}

/** An Action.Execute click: an `adaptiveCard/action` invoke. */
export function executeInvoke(person: Person, data: SignedActionData, inputs: Record<string, unknown>, common: Common & { replyToId?: string }) {
  return {
    ...base(person, common, personal(person)),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: data.verb, data: { ...data, ...inputs } }, trigger: 'manual' },
    ...(common.replyToId ? { replyToId: common.replyToId } : {}),
  };
}

/** The bot installed in a personal scope (`personal: true`) or in a team's channel. */
export function installationUpdate(person: Person, common: Common & { action?: 'add' | 'remove'; inChannel?: boolean }) {
  const conversation = common.inChannel ? { id: CHANNEL_ID, conversationType: 'channel', isGroup: true } : personal(person);
  const channelData = common.inChannel ? { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } } : {};
  return { ...base(person, common, conversation, channelData), type: 'installationUpdate', action: common.action ?? 'add' };
}

/** The person's answer to a file consent card, as Teams posts it (`fileConsent/invoke`). */
export function fileConsentInvoke(person: Person, action: 'accept' | 'decline', context: unknown, uploadInfo: Record<string, string> | undefined, common: Common & { replyToId?: string }) {
  return {
    ...base(person, common, personal(person)),
    type: 'invoke',
    name: 'fileConsent/invoke',
    replyToId: common.replyToId,
    value: { type: 'fileUpload', action, context, ...(action === 'accept' ? { uploadInfo } : {}) },
  };
}
