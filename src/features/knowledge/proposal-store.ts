/** How a question came to be proposed as a phrasing of an article. */
export type ProposalOrigin = 'helpful' | 'linked';
export type ProposalStatus = 'pending' | 'accepted' | 'rejected';

/**
 * A question people asked, proposed as a new phrasing of an article. A specialist accepts it
 * (it is then written to the article's file) or rejects it. Questions are kept with personal
 * codes masked.
 */
export interface Proposal {
  id: string;
  /** The article the phrasing is proposed for (`star-koolitus`, `star-koolitus-en`). */
  articleId: string;
  /** The question folded (`questionKey`): one proposal per article and key. */
  key: string;
  question: string;
  /** How many times it was proposed, by origin: same article and same question collapse. */
  origins: Record<ProposalOrigin, number>;
  firstAt: string;
  lastAt: string;
  status: ProposalStatus;
  /** The specialist who decided, from the authenticated identity of the click. */
  decidedBy?: { aadObjectId: string; name: string };
  decidedAt?: string;
}

export interface NewProposal {
  articleId: string;
  /** `questionKey` of the masked question. */
  key: string;
  /** Masked and cut by the feature (`storedQuestion`). */
  question: string;
  origin: ProposalOrigin;
  at: Date;
}

export interface ProposalDecision {
  status: 'accepted' | 'rejected';
  by: { aadObjectId: string; name: string };
  at: Date;
}

/** Where proposed phrasings are kept until, and after, a specialist decides. */
export interface ProposalStore {
  /**
   * Adds a proposal, or counts it once more when one with the same key is already proposed for the
   * same article (one per article and key, also under concurrent calls). A decided proposal keeps
   * its decision: a rejected question is not proposed again. Bounded: beyond the store's limits the
   * oldest decided and the least proposed pending proposals go.
   */
  propose(proposal: NewProposal): Promise<Proposal>;
  get(id: string): Promise<Proposal | undefined>;
  /** Proposals awaiting a decision: most often proposed first, then latest. */
  pending(limit: number): Promise<Proposal[]>;
  /** How many proposals await a decision. */
  countPending(): Promise<number>;
  /** Decides a pending proposal once; returns it, or undefined when it is not pending (any more), whoever decided first. */
  decide(id: string, decision: ProposalDecision): Promise<Proposal | undefined>;
}
