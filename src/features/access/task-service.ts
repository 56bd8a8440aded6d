import { say } from '../../shared/i18n.js';
import { cardReply, mentionReply, textReply, type TurnTools } from '../../shared/messaging.js';
import { threadAddress } from '../../shared/conversations.js';
import { accessErrors } from './access-errors.js';
import { closeTask, grantChanges, type TaskOutcome } from './complete-task.js';
import type { AccessContext } from './context.js';
import { addDays, showDay } from './dates.js';
import type { AccessTask, AuditAction, PersonRef } from './model.js';
import { scanDue } from './scan-due.js';
import { taskCard } from './task-card.js';
import { N, T, TASK_KIND, TASK_STATE, taskLine } from './texts.js';
import { plainText } from '../../shared/plain-text.js';

const DONE_ACTION: Record<AccessTask['kind'], AuditAction> = { grant: 'granted', revoke: 'revoked', suspend: 'suspended', resume: 'resumed', close: 'closed' };
const DIGEST_LINES = 40;
const taskKey = (id: string): string => `access:task:${id}`;
const SCAN_LEASE = 'access-scan';
/** How long a replica posting a task's card holds it; after that another may post it. */
const POST_CLAIM_MS = 2 * 60_000;
/** Longer than a scan takes; a replica that dies holding it is replaced after this. */
const SCAN_LEASE_MS = 10 * 60_000;

/** The specialists' tasks: cards in their channel, marking done or impossible, and the daily due-date scan. */
export class TaskService {
  /** Tasks whose card could not be posted (the channel refused); retried on every tick. */
  private readonly unposted = new Set<string>();

  constructor(private readonly ctx: AccessContext) {}

  /** Saves new tasks; a first step is posted at once, a follow-up (revoke, resume) when its reminder window begins. */
  async create(tasks: AccessTask[]): Promise<void> {
    for (const task of tasks) await this.ctx.stores.tasks.save(task);
    const horizon = addDays(this.ctx.today(), this.ctx.deps.config.access.reminderDays);
    for (const task of tasks) {
      if (task.kind === 'revoke' || task.kind === 'resume' ? task.due <= horizon : true) await this.tryPost(task);
    }
  }

  private async tryPost(task: AccessTask): Promise<void> {
    try {
      if (await this.post(task)) this.unposted.delete(task.id);
    } catch (error) {
      this.unposted.add(task.id);
      this.ctx.log.warn({ err: error, taskId: task.id }, 'could not post the task card; will retry');
    }
  }

  /** Every tick: posts the cards the channel refused earlier. */
  async retryUnposted(): Promise<void> {
    for (const id of [...this.unposted]) {
      const task = await this.ctx.stores.tasks.get(id);
      if (!task || task.state !== 'open' || task.card) this.unposted.delete(id);
      else await this.tryPost(task);
    }
  }

  /**
   * Posts the task's card in the channel; false when the channel is not known yet (the scan tries
   * again). Under the task's lock, claimed in the store first: a task closed, posted or being
   * posted by another replica meanwhile is left alone.
   */
  private post(seen: AccessTask): Promise<boolean> {
    return this.ctx.deps.locks.run(taskKey(seen.id), async () => {
      const task = await this.ctx.stores.tasks.claimPosting(seen.id, this.ctx.holder, this.ctx.now(), POST_CLAIM_MS);
      if (!task) return true;
      return this.postNow(task);
    });
  }

  private async postNow(task: AccessTask): Promise<boolean> {
    const channel = await this.ctx.channel();
    if (!channel) {
      this.ctx.log.warn({ taskId: task.id }, 'specialists channel not known yet; task card waits');
      return false;
    }
    const card = taskCard(this.ctx.catalogue, task, this.ctx.channelLang, this.ctx.deps.signer);
    const thread = await this.ctx.deps.messenger.postToChannel(channel, cardReply(card, taskLine(this.ctx.catalogue, task, this.ctx.channelLang)));
    const { posting: _claim, ...posted } = task;
    await this.ctx.stores.tasks.save({ ...posted, card: { address: thread.address, messageId: thread.messageId, postedOn: this.ctx.today() } });
    return true;
  }

  /**
   * "Done" or "cannot be done". Load, decide and save run under the task's lock and re-read the
   * task there, so of two buttons pressed together the second is told who decided first.
   */
  async complete(taskId: string, actor: PersonRef, outcome: TaskOutcome, reason: string, tools: TurnTools): Promise<AccessTask> {
    const closed = await this.ctx.deps.locks.run(taskKey(taskId), () => this.close(taskId, actor, outcome, reason));
    await tools.replaceCard(cardReply(taskCard(this.ctx.catalogue, closed, this.ctx.channelLang, this.ctx.deps.signer)));
    await this.tellClosed(closed);
    return closed;
  }

  /** Call under the task's lock. */
  private async close(taskId: string, actor: PersonRef, outcome: TaskOutcome, reason: string): Promise<AccessTask> {
    const { stores } = this.ctx;
    const task = await stores.tasks.get(taskId);
    if (!task) throw accessErrors.taskNotFound(taskId);
    const closed = closeTask(task, actor, outcome, reason, this.ctx.now());
    // Finishing first is the claim: of two replicas closing the task at once only one changes the grants.
    if (!(await stores.tasks.finish(closed))) throw await this.closedElsewhere(taskId, actor, outcome, reason);
    if (outcome === 'done') {
      const changes = grantChanges(closed, await stores.grants.ofSubject(task.subject.id), actor, this.ctx.today(), this.ctx.now());
      for (const grant of [...changes.add, ...changes.update]) await stores.grants.save(grant);
      for (const grant of changes.end) await stores.grants.end(grant);
    } else {
      await this.cancelDependents(closed, actor);
    }
    await this.ctx.audit({
      actor, action: outcome === 'done' ? DONE_ACTION[task.kind] : 'task-impossible', ref: task.id,
      subject: task.subject, system: task.system || undefined, roles: task.roles, detail: closed.reason,
    });
    return closed;
  }

  /** The refusal for a task closed first elsewhere, as a stale button gets it. */
  private async closedElsewhere(taskId: string, actor: PersonRef, outcome: TaskOutcome, reason: string): Promise<Error> {
    const fresh = await this.ctx.stores.tasks.get(taskId);
    if (!fresh) return accessErrors.taskNotFound(taskId);
    try {
      closeTask(fresh, actor, outcome, reason, this.ctx.now());
    } catch (error) {
      return error as Error;
    }
    return accessErrors.taskClosed(taskId, fresh.closedBy?.name ?? '-', TASK_STATE[fresh.state]);
  }

  /** Each follow-up is cancelled under its own lock, so one being marked done at that moment is not undone. */
  private async cancelDependents(task: AccessTask, actor: PersonRef): Promise<void> {
    for (const id of task.dependents) {
      await this.ctx.deps.locks.run(taskKey(id), async () => {
        const dependent = await this.ctx.stores.tasks.get(id);
        if (!dependent || dependent.state !== 'open') return;
        const cancelled: AccessTask = { ...dependent, state: 'cancelled', closedAt: this.ctx.now().toISOString(), closedBy: actor, reason: task.id };
        if (!(await this.ctx.stores.tasks.finish(cancelled))) return;
        await this.ctx.audit({ actor, action: 'task-cancelled', ref: id, subject: task.subject, detail: task.id });
      });
    }
  }

  private async tellClosed(task: AccessTask): Promise<void> {
    const notify = new Set([task.requesterId.toLowerCase(), task.subject.id.toLowerCase()]);
    for (const personId of notify) {
      const lang = await this.ctx.langOf(personId);
      const vars = { id: task.id, what: say(TASK_KIND[task.kind], lang), system: task.system || say(T.allSystems, lang), subject: plainText(task.subject.name), reason: plainText(task.reason ?? '') };
      await this.ctx.tellPerson(personId, textReply(say(task.state === 'done' ? N.taskDone : N.taskImpossible, lang, vars)));
    }
  }

  /**
   * The daily scan, run from the scheduler's tick: cards whose reminder window began are posted,
   * cards posted earlier get one reminder, and overdue tasks are raised in the channel once a day
   * until closed. A day is scanned once; a failure leaves it unscanned so the next tick retries.
   * With several replicas the scan runs under a lease, so one replica scans; each item it handles
   * is marked on the task (card, remindedOn, deskCalledOn) before the next, so a replica that takes
   * over after a crash repeats none of them.
   */
  async scan(now: Date): Promise<void> {
    const { stores } = this.ctx;
    const today = this.ctx.today();
    if ((await stores.state.get()).lastScanOn === today) return;
    if (!(await this.ctx.channel())) return;
    if (!(await stores.state.lease(SCAN_LEASE, this.ctx.holder, now, SCAN_LEASE_MS))) return;
    try {
      if ((await stores.state.get()).lastScanOn !== today) await this.scanDay(today, now);
    } finally {
      await stores.state.release(SCAN_LEASE, this.ctx.holder);
    }
  }

  /** Call holding the scan's lease. */
  private async scanDay(today: string, now: Date): Promise<void> {
    const { stores, deps } = this.ctx;
    const found = scanDue(await stores.tasks.open(), today, deps.config.access.reminderDays);
    for (const task of found.post) await this.post(task);
    for (const task of found.remind) await this.remind(task, today);
    for (const task of found.overdue) await this.callDesk(task, today);
    if (found.overdue.length > 0 && (await stores.state.get()).lastDigestOn !== today) {
      await this.raiseOverdue(found.overdue, today);
      await stores.state.set({ lastDigestOn: today });
    }
    await stores.state.set({ lastScanOn: today, lastDigestOn: today });
    this.ctx.log.info({ day: today, posted: found.post.length, reminded: found.remind.length, overdue: found.overdue.length, at: now.toISOString() }, 'access due-date scan');
  }

  private async remind(seen: AccessTask, today: string): Promise<void> {
    await this.ctx.deps.locks.run(taskKey(seen.id), async () => {
      const task = await this.ctx.stores.tasks.get(seen.id);
      if (task?.state === 'open') await this.remindNow(task, today);
    });
  }

  private async remindNow(task: AccessTask, today: string): Promise<void> {
    if (!task.card) return;
    const lang = this.ctx.channelLang;
    await this.ctx.deps.messenger.send(threadAddress(task.card.address, task.card.messageId), textReply(say(N.reminder, lang, { id: task.id, due: showDay(task.due, lang) })));
    await this.ctx.stores.tasks.save({ ...task, remindedOn: today });
  }

  /** An overdue task @mentions the desk (`DESK_MENTION`) in its card's thread, once, so Teams notifies them. */
  private async callDesk(overdue: AccessTask, today: string): Promise<void> {
    const task = await this.ctx.stores.tasks.get(overdue.id);
    if (!task?.card || task.deskCalledOn || task.state !== 'open') return;
    const lang = this.ctx.channelLang;
    const reply = mentionReply(this.ctx.deps.config.deskMention, (who) => say(N.overdueCall, lang, { who, id: task.id, due: showDay(task.due, lang) }).trim());
    await this.ctx.deps.messenger.send(threadAddress(task.card.address, task.card.messageId), reply);
    await this.ctx.stores.tasks.save({ ...task, deskCalledOn: today });
  }

  private async raiseOverdue(tasks: AccessTask[], today: string): Promise<void> {
    const lang = this.ctx.channelLang;
    const sorted = [...tasks].sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
    const lines = sorted.slice(0, DIGEST_LINES).map((task) => `- ${taskLine(this.ctx.catalogue, task, lang)}`);
    if (sorted.length > DIGEST_LINES) lines.push(`- … +${sorted.length - DIGEST_LINES}`);
    const text = `**${say(N.overdueTitle, lang, { count: sorted.length })}** (${showDay(today, lang)})\n\n${lines.join('\n')}`;
    const channel = await this.ctx.channel();
    if (channel) await this.ctx.deps.messenger.postToChannel(channel, textReply(text));
  }
}
