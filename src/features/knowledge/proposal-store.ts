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
   * Adds a proposal, or counts it once more when the same question (ignoring case, diacritics and
   * final punctuation) is already proposed for the same article. A decided proposal keeps its
   * decision: a rejected question is not proposed again.
   */
  propose(proposal: NewProposal): Promise<Proposal>;
  get(id: string): Proposal | undefined;
  /** Proposals awaiting a decision, most often proposed first. */
  pending(limit: number): Proposal[];
  /** How many proposals await a decision. */
  countPending(): number;
  /** Decides a pending proposal; returns it, or undefined when it is not pending (any more). */
  decide(id: string, decision: ProposalDecision): Promise<Proposal | undefined>;
}
