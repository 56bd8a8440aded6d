import { say, type Text } from '../../shared/i18n.js';
import { textReply } from '../../shared/messaging.js';
import { type Case } from './case.js';
import { formatTime, tallinnDayAndHour } from './case-labels.js';
import type { CaseNotifier } from './case-notifier.js';
import type { CaseService } from './case-service.js';
import { digestCard } from './specialist-cards.js';
import { maskForRetention } from './case-retention.js';
import { DomainError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

const T = {
  nearing: { et: '⏰ Pöördumise {number} tähtaeg on {due}.', en: '⏰ Case {number} is due at {due}.' },
  overdue: { et: '{who} ⚠️ Pöördumise {number} tähtaeg ({due}) on möödas.', en: '{who} ⚠️ Case {number} is overdue (due {due}).' },
} satisfies Record<string, Text>;

export interface TickerDeps {
  service: CaseService;
  notifier: CaseNotifier;
  reminderBeforeMinutes: number;
  reopenDays: number;
  digestHour: number;
  retentionDays: number;
  logger: Logger;
  /** The Tallinn day retention last ran (in memory: after a restart it runs once more, harmlessly). */
  retention: { lastDay?: string };
}

/** Statuses whose due time runs: a case waiting for its requester is not the desk's to hurry. */
const TIMED: readonly Case['status'][] = ['new', 'in_progress', 'escalated'];

/** Which reminder `item` is due for at `now`, if any (each goes out once). */
function reminderDue(item: Case, now: Date, beforeMinutes: number): 'nearing' | 'overdue' | undefined {
  if (!TIMED.includes(item.status) || !item.thread) return undefined;
  const due = Date.parse(item.dueAt);
  const overdue = now.getTime() >= due;
  const nearing = !overdue && now.getTime() >= due - beforeMinutes * 60_000;
  return overdue && !item.reminders.overdue ? 'overdue' : nearing && !item.reminders.nearing ? 'nearing' : undefined;
}

/**
 * Sends a due reminder once, whichever replica ticks: the reminder is marked sent on the case
 * first (compare-and-set), then sent by the replica whose mark was saved; a send that fails gives
 * the mark back, so a later tick tries again.
 */
async function remind(deps: TickerDeps, item: Case, now: Date): Promise<void> {
  const which = reminderDue(item, now, deps.reminderBeforeMinutes);
  if (!which) return;
  let before: Case['reminders'] = {};
  const claimed = await deps.service.claim(item.id, (current) => {
    if (reminderDue(current, now, deps.reminderBeforeMinutes) !== which) return undefined;
    before = current.reminders;
    return { ...current, reminders: { ...current.reminders, nearing: true, ...(which === 'overdue' ? { overdue: true } : {}) } };
  });
  if (!claimed) return;
  const sent = which === 'overdue'
    ? await deps.notifier.callDesk(claimed, T.overdue, { number: claimed.id, due: formatTime(claimed.dueAt, 'et') })
    : await deps.notifier.toThread(claimed, (lang) => textReply(say(T.nearing, lang, { number: claimed.id, due: formatTime(claimed.dueAt, lang) })));
  if (!sent) await deps.service.amend(claimed.id, (current) => ({ ...current, reminders: before }));
}

/** Closes a resolved case past its reopen window; a replica that finds it closed (or changed) first leaves it. */
async function closeExpired(deps: TickerDeps, item: Case, now: Date): Promise<void> {
  if (item.status !== 'resolved' || !item.resolvedAt) return;
  if (now.getTime() - Date.parse(item.resolvedAt) <= deps.reopenDays * 86_400_000) return;
  try {
    await deps.service.change(item.id, { type: 'close' }, { aadObjectId: 'system', name: 'tugibot', role: 'system' }, item.version);
  } catch (error) {
    // The version the list showed is gone: another replica closed it, or the requester reopened it.
    if (error instanceof DomainError) return;
    throw error;
  }
}

async function sendDigest(deps: TickerDeps, now: Date): Promise<void> {
  const { day, hour } = tallinnDayAndHour(now);
  const store = deps.service.store;
  if (hour < deps.digestHour) return;
  // Claimed before it is posted: with several replicas, one posts it; a failed post gives the day back.
  const claim = await store.claimDigestDay(day);
  if (!claim.claimed) return;
  const sent = await deps.notifier.toChannel(digestCard(await store.listOpen(), now, day, deps.notifier.channelLang));
  if (!sent) await store.setLastDigestDay(claim.previous);
}

/** Once a day: closed cases past `CASE_RETENTION_DAYS` get their texts masked, each with an audit entry. */
async function applyRetention(deps: TickerDeps, now: Date): Promise<void> {
  const { day } = tallinnDayAndHour(now);
  if (deps.retention.lastDay === day) return;
  const masked = await deps.service.store.rewriteClosed((item) => maskForRetention(item, now, deps.retentionDays));
  deps.retention.lastDay = day;
  if (masked.length > 0) deps.logger.info({ feature: 'cases', masked: masked.length, caseIds: masked, retentionDays: deps.retentionDays }, 'closed cases past retention: texts masked');
}

/**
 * The feature's periodic work: cards that still wait for the channel, due-time reminders (once
 * each), closing resolved cases once the reopen window has passed, the daily digest, and masking
 * closed cases past their retention time. Each due item is claimed in the store before the work,
 * so replicas ticking at the same time do it once.
 */
export async function tickCases(deps: TickerDeps, now: Date): Promise<void> {
  await deps.service.retryCards(now);
  for (const item of await deps.service.store.listOpen()) {
    await remind(deps, item, now);
    await closeExpired(deps, item, now);
  }
  await sendDigest(deps, now);
  await applyRetention(deps, now);
}
