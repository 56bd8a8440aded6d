import type { DirectoryPerson } from '../../shared/directory.js';
import { say } from '../../shared/i18n.js';
import { cardReply, textReply, type CardAction, type InboundMessage, type Reply, type TurnTools } from '../../shared/messaging.js';
import { accessErrors } from './access-errors.js';
import { approvalCard, decidedCard, submittedCard } from './approval-card.js';
import { approversFor } from './approvers-for.js';
import { assessRoles, validateRequest } from './assess-request.js';
import { findSystem } from './catalogue.js';
import type { AccessContext } from './context.js';
import { showDay } from './dates.js';
import { decideRequest } from './decide-request.js';
import type { AccessRequest, PersonRef } from './model.js';
import { tasksForRequest } from './plan-tasks.js';
import { readForm } from './read-form.js';
import { readableId } from './readable-id.js';
import { requestFormCard } from './request-form-card.js';
import type { TaskService } from './task-service.js';
import { N, T, flagsText } from './texts.js';
import { plainText } from '../../shared/plain-text.js';

/** Requests: the form, submitting (with the job-description and combination checks), and the approver's decision. */
export class RequestService {
  constructor(private readonly ctx: AccessContext, private readonly tasks: TaskService) {}

  private async me(from: { aadObjectId?: string; name: string }): Promise<DirectoryPerson> {
    const id = from.aadObjectId;
    if (!id) throw accessErrors.unknownPerson(from.name);
    return (await this.ctx.deps.directory.find(id)) ?? { id, name: from.name };
  }

  async form(message: InboundMessage): Promise<Reply> {
    const me = await this.me(message.from);
    const reports = await this.ctx.deps.directory.reportsOf(me.id);
    const specialist = this.ctx.deps.isSpecialist(me.id);
    return cardReply(requestFormCard(this.ctx.catalogue, { me, reports, specialist, today: this.ctx.today() }, message.lang, this.ctx.deps.signer));
  }

  /** The subject must be the requester, one of their reports, or anyone for a specialist. */
  private async subjectOf(me: DirectoryPerson, subjectId: string): Promise<DirectoryPerson> {
    if (!subjectId || subjectId.toLowerCase() === me.id.toLowerCase()) return me;
    const specialist = this.ctx.deps.isSpecialist(me.id);
    const reports = await this.ctx.deps.directory.reportsOf(me.id);
    const report = reports.find((person) => person.id.toLowerCase() === subjectId.toLowerCase());
    if (!report && !specialist) throw accessErrors.notManager();
    const subject = report ?? (await this.ctx.deps.directory.find(subjectId));
    if (!subject) throw accessErrors.unknownPerson(subjectId);
    return subject;
  }

  async submit(action: CardAction, tools: TurnTools): Promise<void> {
    const { catalogue, stores } = this.ctx;
    const me = await this.me(action.from);
    const input = readForm(action.data);
    const specialist = this.ctx.deps.isSpecialist(me.id);
    const subject = await this.subjectOf(me, (specialist && input.subjectText) || input.subject);
    validateRequest(catalogue, input, this.ctx.today());
    if (input.kind !== 'grant' && subject.id === me.id && !specialist) throw accessErrors.notManager();
    const held = await stores.grants.ofSubject(subject.id);
    const flags = input.kind === 'grant' ? assessRoles(catalogue, subject, input.roles, held.map((grant) => grant.role)) : [];
    if (flags.length > 0 && !input.flagReason) throw accessErrors.flagReasonRequired(flagsText(catalogue, flags, subject.jobTitle ?? '', action.lang));
    const system = findSystem(catalogue, input.system);
    const approvers = input.kind === 'grant' && system ? approversFor(catalogue, system, subject, me) : { ids: [], fromCatalogue: false };
    const year = this.ctx.year();
    // Numbered and stored in one step: live while it waits for approval, finished at once otherwise.
    const request = await stores.requests.add(year, (number): AccessRequest => ({
      id: readableId('LIG', year, number),
      kind: input.kind, requester: { id: me.id, name: me.name }, subject: { id: subject.id, name: subject.name },
      system: input.system, roles: input.roles, justification: input.justification, start: input.start, end: input.end,
      flags, flagReason: flags.length > 0 ? input.flagReason : undefined,
      approverIds: approvers.ids, ...(approvers.fromCatalogue ? { approversFromCatalogue: true } : {}),
      state: input.kind === 'grant' ? 'pending' : 'approved', createdAt: this.ctx.now().toISOString(), approvalCards: [], lang: action.lang,
    }));
    await this.ctx.audit({ actor: request.requester, action: 'requested', ref: request.id, subject: request.subject, system: request.system || undefined, roles: request.roles, detail: request.kind });
    await tools.replaceCard(cardReply(submittedCard(catalogue, request, action.lang)));
    if (request.state === 'pending') {
      await this.sendForApproval(request, subject, action);
      const names = await Promise.all(request.approverIds.map(async (id) => (await this.ctx.person(id, id)).name));
      await tools.reply(say(request.approversFromCatalogue ? N.submittedToCatalogue : N.submitted, action.lang, { id: request.id, approvers: names.map(plainText).join(', ') }));
      return;
    }
    const heldRoles = held.filter((grant) => request.kind === 'close' || grant.system === request.system).map((grant) => grant.role);
    await this.tasks.create(tasksForRequest(request, heldRoles, this.ctx.now()));
    await tools.reply(say(N.recorded, action.lang, { id: request.id, due: showDay(request.start, action.lang) }));
  }

  private async sendForApproval(request: AccessRequest, subject: DirectoryPerson, action: CardAction): Promise<void> {
    const cards = [];
    for (const approverId of request.approverIds) {
      const lang = await this.ctx.langOf(approverId);
      const card = approvalCard(this.ctx.catalogue, request, subject.jobTitle ?? '', lang, this.ctx.deps.signer);
      const sent = await this.ctx.tellPerson(approverId, cardReply(card, `${request.id}: ${request.subject.name}`), action.address);
      if (sent) cards.push({ approverId, ...sent });
    }
    await this.ctx.stores.requests.save({ ...request, approvalCards: cards });
  }

  /**
   * An approver's decision. Load, decide and save run under the request's lock and re-read the
   * request there, so of two buttons pressed together the second is told who decided first. The
   * store's `finish` is the compare-and-set: when another replica decided first, this one re-reads
   * the request and gives the same refusal as a stale button.
   */
  async decide(action: CardAction, tools: TurnTools): Promise<void> {
    const { catalogue, stores } = this.ctx;
    const requestId = String(action.data.requestId ?? '');
    const actor: PersonRef = { id: action.from.aadObjectId ?? '', name: action.from.name };
    const input = { approve: action.data.approve === true, comment: String(action.data.comment ?? ''), acknowledged: action.data.ack === true || action.data.ack === 'true' };
    const decided = await this.ctx.deps.locks.run(`access:request:${requestId}`, async () => {
      const request = await stores.requests.get(requestId);
      if (!request) throw accessErrors.requestNotFound(requestId);
      const result = decideRequest(request, actor, input, this.ctx.now());
      if (!(await stores.requests.finish(result))) throw await this.decidedElsewhere(requestId, actor, input);
      await this.ctx.audit({ actor, action: input.approve ? 'approved' : 'rejected', ref: result.id, subject: result.subject, system: result.system, roles: result.roles, detail: result.decision?.comment || undefined });
      return result;
    });
    await tools.replaceCard(cardReply(decidedCard(catalogue, decided, action.lang)));
    await this.updateOtherCards(decided, actor.id);
    if (input.approve) await this.tasks.create(tasksForRequest(decided, [], this.ctx.now()));
    await this.tellDecision(decided);
  }

  /** The refusal for a request decided first elsewhere, as a stale button gets it. */
  private async decidedElsewhere(requestId: string, actor: PersonRef, input: { approve: boolean; comment: string; acknowledged: boolean }): Promise<Error> {
    const fresh = await this.ctx.stores.requests.get(requestId);
    if (!fresh) return accessErrors.requestNotFound(requestId);
    try {
      decideRequest(fresh, actor, input, this.ctx.now());
    } catch (error) {
      return error as Error;
    }
    return accessErrors.alreadyDecided(requestId, fresh.decision?.by.name ?? '-', fresh.decision?.approved ? T.approved : T.rejected);
  }

  /** The other approvers' cards lose their buttons too. */
  private async updateOtherCards(request: AccessRequest, deciderId: string): Promise<void> {
    for (const card of request.approvalCards) {
      if (card.approverId.toLowerCase() === deciderId.toLowerCase()) continue;
      const reply = cardReply(decidedCard(this.ctx.catalogue, request, await this.ctx.langOf(card.approverId)));
      await this.ctx.deps.messenger.update(card.address, card.messageId, reply).catch((error: unknown) => this.ctx.log.warn({ err: error, requestId: request.id }, 'could not update an approver card'));
    }
  }

  private async tellDecision(request: AccessRequest): Promise<void> {
    const decision = request.decision;
    if (!decision) return;
    const people = new Set([request.requester.id, request.subject.id]);
    for (const personId of people) {
      const lang = personId === request.requester.id ? request.lang : await this.ctx.langOf(personId);
      const text = decision.approved ? N.approvedNotice : N.rejectedNotice;
      await this.ctx.tellPerson(personId, textReply(say(text, lang, { id: request.id, by: plainText(decision.by.name), start: showDay(request.start, lang), comment: plainText(decision.comment) })));
    }
  }
}
