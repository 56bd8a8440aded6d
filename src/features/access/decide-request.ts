import { accessErrors } from './access-errors.js';
import type { AccessRequest, PersonRef } from './model.js';
import { T } from './texts.js';

export interface DecisionInput {
  approve: boolean;
  comment: string;
  /** The approver ticked "I have read the reason for the exception". */
  acknowledged: boolean;
}

/**
 * The approval state machine: only a pending request can be decided, never by its subject or its
 * requester (separation of duties, whatever the approver list says), only by one of its
 * approvers (the authenticated identity, never card data), a flagged request only with the
 * acknowledgement ticked, and a rejection only with a comment.
 */
export function decideRequest(request: AccessRequest, actor: PersonRef, input: DecisionInput, now: Date): AccessRequest {
  const approver = request.approverIds.some((id) => id.toLowerCase() === actor.id.toLowerCase());
  if (actor.id.toLowerCase() === request.subject.id.toLowerCase()) throw accessErrors.ownGrant();
  if (actor.id.toLowerCase() === request.requester.id.toLowerCase()) throw accessErrors.ownRequest();
  if (!approver) throw accessErrors.notApprover();
  if (request.state !== 'pending') throw accessErrors.alreadyDecided(request.id, request.decision?.by.name ?? '-', request.state === 'approved' ? T.approved : T.rejected);
  const comment = input.comment.trim();
  if (input.approve && request.flags.length > 0 && !input.acknowledged) throw accessErrors.ackRequired();
  if (!input.approve && comment === '') throw accessErrors.commentRequired();
  return {
    ...request,
    state: input.approve ? 'approved' : 'rejected',
    decision: { by: actor, at: now.toISOString(), approved: input.approve, comment, acknowledged: input.acknowledged },
  };
}
