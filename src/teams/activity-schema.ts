import { z } from 'zod';

/**
 * The parts of a Bot Framework activity the bot reads, checked at the edge so that a field of the
 * wrong type gets 400 with its path instead of failing somewhere inside (a 500). Every object is
 * loose: fields the bot does not read pass through untouched for botbuilder. Teams sometimes sends
 * `null` for an absent field, so optional fields accept null as well.
 *
 * GUIDs (tenant ids, `aadObjectId`) are lower-cased here, once, so that every comparison
 * downstream may use `===` (Teams sends lower case; configuration may not).
 */
const shortText = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);
/**
 * Ids travel back to the Bot Connector in URL paths and headers, so they are printable ASCII
 * without spaces, as every Teams id is (`29:...`, `a:...`, `19:...@thread.tacv2;messageid=...`).
 */
const idText = shortText(1024).regex(/^[\x21-\x7e]*$/, 'must be printable ASCII without spaces');
const guid = optional(idText.max(100, 'must be at most 100 characters')).transform((value) => value?.toLowerCase());

const account = z.looseObject({
  id: idText,
  name: optional(shortText(1024)),
  aadObjectId: guid,
  role: optional(shortText(64)),
});

const conversation = z.looseObject({
  id: idText,
  name: optional(shortText(1024)),
  tenantId: guid,
  conversationType: optional(shortText(64)),
  isGroup: optional(z.boolean()),
});

const named = z.looseObject({ id: optional(idText), name: optional(shortText(1024)) });

const channelData = z.looseObject({
  tenant: optional(z.looseObject({ id: guid })),
  team: optional(named),
  channel: optional(named),
  eventType: optional(shortText(128)),
});

const entity = z.looseObject({
  type: shortText(256),
  text: optional(z.string()),
  mentioned: optional(z.looseObject({ id: optional(idText), name: optional(shortText(1024)) })),
}).superRefine((item, context) => {
  // botbuilder's removeRecipientMention reads `mentioned.id` and `text` of every mention.
  if (item.type !== 'mention') return;
  if (item.mentioned?.id === undefined) context.addIssue({ code: 'custom', path: ['mentioned', 'id'], message: 'a mention must name who is mentioned' });
  if (item.text === undefined) context.addIssue({ code: 'custom', path: ['text'], message: 'a mention must carry its text' });
});

const attachment = z.looseObject({
  contentType: optional(shortText(256)),
  contentUrl: optional(z.string()),
  name: optional(shortText(1024)),
});

const serviceUrl = z.string().max(2048).refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be an http(s) address');

const activityFields = z.looseObject({
  type: shortText(64).min(1, 'must not be empty'),
  id: optional(idText),
  name: optional(shortText(256)),
  action: optional(shortText(64)),
  channelId: optional(shortText(64)),
  serviceUrl,
  timestamp: optional(shortText(64)),
  locale: optional(shortText(64)),
  text: optional(z.string()),
  textFormat: optional(shortText(64)),
  replyToId: optional(idText),
  deliveryMode: optional(shortText(64)),
  from: account,
  recipient: account,
  conversation,
  channelData: optional(channelData),
  entities: optional(z.array(entity).max(1000)),
  attachments: optional(z.array(attachment).max(1000)),
  value: z.unknown().optional(),
  membersAdded: optional(z.array(account).max(1000)),
  membersRemoved: optional(z.array(account).max(1000)),
});

type Fields = z.infer<typeof activityFields>;
type Rule = (activity: Fields, issue: (path: string[], message: string) => void) => void;

/** The invokes the bot answers; any other invoke gets 501 from the turn. */
export const SUPPORTED_INVOKES: ReadonlySet<string> = new Set(['adaptiveCard/action', 'fileConsent/invoke']);

/**
 * What each kind of activity needs beyond the fields every activity has (`from.id`,
 * `recipient.id`, `conversation.id`, `serviceUrl`): the parts its handling reads.
 */
const RULES: Record<string, Rule> = {
  message: (activity, issue) => {
    if (activity.entities?.some((item) => item.type === 'mention') && activity.text === undefined) issue(['text'], 'a message with mentions must have text');
  },
  invoke: (activity, issue) => {
    if (!activity.name) issue(['name'], 'an invoke must be named');
    if (activity.name === 'adaptiveCard/action') {
      const action = (activity.value as { action?: unknown } | undefined)?.action;
      if (!action || typeof action !== 'object' || Array.isArray(action)) issue(['value', 'action'], 'an Action.Execute invoke must carry its action (an object)');
    }
    if (activity.name === 'fileConsent/invoke') {
      const value = activity.value as { action?: unknown; context?: unknown } | undefined;
      if (value?.action !== 'accept' && value?.action !== 'decline') issue(['value', 'action'], 'a file consent answer must be accept or decline');
    }
  },
  installationUpdate: (activity, issue) => {
    if (activity.action === undefined) issue(['action'], 'an installation update must say add or remove');
  },
};

/**
 * The parts of an activity the bot reads, checked: the fields every activity has, then what its
 * type needs (RULES). Unknown types pass with the common fields; the turn ignores them.
 */
export const activitySchema = activityFields.superRefine((activity, context) => {
  RULES[activity.type]?.(activity, (path, message) => context.addIssue({ code: 'custom', path, message }));
});

export type CheckedActivity = z.infer<typeof activitySchema>;

/** `field.path: message` for every problem, in one line. */
export function describeActivityIssues(error: z.ZodError): string {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.join('.') || 'activity'}: ${issue.message}`).join('; ');
}
