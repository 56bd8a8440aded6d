import { say } from '../../shared/i18n.js';
import { plainText } from '../../shared/plain-text.js';
import { cardReply, textReply, type CardAction, type ConversationAddress, type TurnTools } from '../../shared/messaging.js';
import { accessErrors } from './access-errors.js';
import type { AccessContext } from './context.js';
import type { PersonRef, Substitution } from './model.js';
import { tasksForSubstitution } from './plan-tasks.js';
import { SUBSTITUTION_DECISION, substitutionApprovalCard, substitutionDecidedCard } from './substitution-cards.js';
import type { TaskService } from './task-service.js';

const W = {
  approvedNotice: { et: 'Asendus {id} on kinnitatud ({by}); asendaja õiguste andmiseks on loodud ülesanded.', en: 'Substitution {id} has been approved ({by}); tasks have been created to grant the substitute the rights.' },
  rejectedNotice: { et: 'Asendus {id} lükati tagasi ({by}). Põhjus: {comment}', en: 'Substitution {id} has been rejected ({by}). Reason: {comment}' },
};

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Separation of duties for substitutes: a recorded substitution waits for the absent person's
 * manager (or, with no usable manager, another specialist in the specialists' channel) and only
 * then becomes tasks. Nobody approves a substitution they are the substitute or absent person in,
 * or that they recorded.
 */
export class SubstitutionApproval {
  constructor(private readonly ctx: AccessContext, private readonly tasks: TaskService) {}

  /** Sends the approval card; a failure leaves the substitution pending (shown by `asendused`). */
  async ask(item: Substitution, via?: ConversationAddress): Promise<void> {
    const { deps, catalogue } = this.ctx;
    let card: { address: ConversationAddress; messageId: string } | undefined;
    if (item.approverId) {
      const lang = await this.ctx.langOf(item.approverId);
      card = await this.ctx.tellPerson(item.approverId, cardReply(substitutionApprovalCard(catalogue, item, lang, deps.signer), item.id), via);
    } else {
      const channel = await this.ctx.channel();
      const reply = cardReply(substitutionApprovalCard(catalogue, item, this.ctx.channelLang, deps.signer), item.id);
      card = channel ? await deps.messenger.postToChannel(channel, reply).catch((error: unknown) => void this.ctx.log.warn({ err: error, id: item.id }, 'could not post the substitution approval card')) : undefined;
    }
    if (card) await this.ctx.stores.substitutions.save({ ...item, approvalCard: { address: card.address, messageId: card.messageId } });
  }

  async decide(action: CardAction, tools: TurnTools): Promise<void> {
    const id = String(action.data.id ?? '');
    const actor: PersonRef = { id: action.from.aadObjectId ?? '', name: action.from.name };
    const approve = action.data.approve === true;
    const comment = String(action.data.comment ?? '').trim();
    const decided = await this.ctx.deps.locks.run(`access:substitution:${id}`, async () => {
      const item = await this.find(id);
      const result = this.check(item, actor, approve, comment);
      // The compare-and-set: decided first on another replica, the fresh record gives the stale button's refusal.
      if (!(await this.ctx.stores.substitutions.decide(result))) {
        this.check(await this.find(id), actor, approve, comment);
        throw accessErrors.substitutionDecided(id, '-', approve ? SUBSTITUTION_DECISION.approved : SUBSTITUTION_DECISION.rejected);
      }
      await this.ctx.audit({ actor, action: approve ? 'substitution-approved' : 'substitution-rejected', ref: id, subject: item.substitute, roles: item.roles, detail: comment || `for ${item.person.name}` });
      if (!approve) await this.ctx.stores.substitutions.finish(result);
      return result;
    });
    if (approve) await this.tasks.create(tasksForSubstitution(this.ctx.catalogue, decided, this.ctx.now()));
    await tools.replaceCard(cardReply(substitutionDecidedCard(this.ctx.catalogue, decided, action.lang)));
    const lang = await this.ctx.langOf(decided.createdBy.id);
    await this.ctx.tellPerson(decided.createdBy.id, textReply(say(approve ? W.approvedNotice : W.rejectedNotice, lang, { id, by: plainText(actor.name), comment: plainText(comment) })));
  }

  private async find(id: string): Promise<Substitution> {
    const item = await this.ctx.stores.substitutions.get(id);
    if (!item) throw accessErrors.substitutionNotFound(id);
    return item;
  }

  /** The pure decision: who may decide, once, and a rejection needs a reason. */
  private check(item: Substitution, actor: PersonRef, approve: boolean, comment: string): Substitution {
    if (item.state !== 'pending') {
      throw accessErrors.substitutionDecided(item.id, item.decision?.by.name ?? '-', item.state === 'rejected' ? SUBSTITUTION_DECISION.rejected : SUBSTITUTION_DECISION.approved);
    }
    if ([item.person.id, item.substitute.id, item.createdBy.id].some((id) => same(id, actor.id))) throw accessErrors.ownSubstitution(item.id);
    const allowed = item.approverId ? same(item.approverId, actor.id) : this.ctx.deps.isSpecialist(actor.id);
    if (!actor.id || !allowed) throw accessErrors.notSubstitutionApprover(item.id);
    if (!approve && !comment) throw accessErrors.commentRequired();
    return { ...item, state: approve ? 'approved' : 'rejected', decision: { by: actor, at: this.ctx.now().toISOString(), approved: approve, comment, acknowledged: false } };
  }
}
