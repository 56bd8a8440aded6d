import type { Lang } from '../../shared/i18n.js';
import type { ConversationAddress } from '../../shared/messaging.js';

/** A person as the access records keep them: the Entra object id and the name at the time. */
export interface PersonRef {
  id: string;
  name: string;
}

/** What a request asks for: a grant of roles, a suspension (long absence) or closing every account (a leaver). */
export type RequestKind = 'grant' | 'suspend' | 'close';
export type RequestState = 'pending' | 'approved' | 'rejected';

/** Why a request needs a written reason and the approver's acknowledgement. */
export interface Flag {
  kind: 'job' | 'combination';
  role: string;
  /** For a combination: the role it may not be combined with. */
  other?: string;
}

export interface ApprovalCardRef {
  approverId: string;
  address: ConversationAddress;
  messageId: string;
}

export interface Decision {
  by: PersonRef;
  at: string;
  approved: boolean;
  comment: string;
  acknowledged: boolean;
}

export interface AccessRequest {
  /** `LIG-2026-00001`. */
  id: string;
  kind: RequestKind;
  requester: PersonRef;
  subject: PersonRef;
  /** The system; empty for `close` (every system). */
  system: string;
  roles: string[];
  justification: string;
  /** Dates are Estonian calendar days, `YYYY-MM-DD`. */
  start: string;
  end?: string;
  flags: Flag[];
  flagReason?: string;
  approverIds: string[];
  /** Nobody in the directory could approve, so the catalogue's named approvers were asked. */
  approversFromCatalogue?: boolean;
  state: RequestState;
  createdAt: string;
  decision?: Decision;
  approvalCards: ApprovalCardRef[];
  /** The requester's language, for the notices they get later. */
  lang: Lang;
}

export type TaskKind = 'grant' | 'revoke' | 'suspend' | 'resume' | 'close';
export type TaskState = 'open' | 'done' | 'impossible' | 'cancelled';

/** Work for a specialist in a system that has no API: the bot only tracks it. */
export interface AccessTask {
  /** `<request or substitution id>/<n>`. */
  id: string;
  kind: TaskKind;
  /** The request or substitution the task comes from. */
  source: string;
  subject: PersonRef;
  /** Who is told when the task is closed. */
  requesterId: string;
  lang: Lang;
  /** Empty for `close` (every system). */
  system: string;
  roles: string[];
  /** The day the work is due. */
  due: string;
  /** For a grant: the day the right ends. */
  until?: string;
  state: TaskState;
  createdAt: string;
  closedAt?: string;
  closedBy?: PersonRef;
  reason?: string;
  card?: { address: ConversationAddress; messageId: string; postedOn: string };
  /** The replica posting the card now (`TaskStore.claimPosting`), so that no other posts it too. */
  posting?: { holder: string; until: string };
  /** Day the pre-due reminder went out. */
  remindedOn?: string;
  /** Day the desk was @mentioned in the card's thread because the task is overdue (once). */
  deskCalledOn?: string;
  /** Tasks cancelled when this one proves impossible (a grant's revocation). */
  dependents: string[];
}

/** A role someone holds now; archived when it ends. */
export interface Grant {
  id: string;
  subject: PersonRef;
  system: string;
  role: string;
  since: string;
  until?: string;
  source: string;
  state: 'active' | 'suspended';
  grantedBy: PersonRef;
  grantedAt: string;
  endedAt?: string;
  endedBy?: PersonRef;
}

/** A substitute's temporary rights while someone is away. */
export interface Substitution {
  /** `ASE-2026-00001`. */
  id: string;
  person: PersonRef;
  substitute: PersonRef;
  from: string;
  to: string;
  roles: string[];
  basis: 'schedule' | 'order';
  createdBy: PersonRef;
  createdAt: string;
  taskIds: string[];
  /**
   * A substitution takes effect (its tasks are created) only once approved by someone else than
   * the absent person, the substitute and whoever recorded it. Missing on records made before
   * approval existed, which count as approved.
   */
  state?: 'pending' | 'approved' | 'rejected';
  /** The absent person's manager; missing when another specialist approves in the channel. */
  approverId?: string;
  decision?: Decision;
  approvalCard?: { address: ConversationAddress; messageId: string };
}

export type AuditAction =
  | 'requested' | 'approved' | 'rejected'
  | 'granted' | 'revoked' | 'suspended' | 'resumed' | 'closed'
  | 'task-impossible' | 'task-cancelled' | 'substitution-recorded' | 'substitution-approved' | 'substitution-rejected';

/** One line of the append-only audit trail. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: PersonRef;
  action: AuditAction;
  /** The request, substitution or task. */
  ref: string;
  subject?: PersonRef;
  system?: string;
  roles?: string[];
  detail?: string;
}
