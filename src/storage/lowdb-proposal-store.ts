import type { DataDir } from './data-dir.js';
import type { JsonDoc } from './json-doc.js';
import { newId } from '../shared/ids.js';
import { questionKey } from '../features/knowledge/index.js';
import type { NewProposal, Proposal, ProposalDecision, ProposalStore } from '../features/knowledge/index.js';

/** The file in the data folder (shared with export and import). */
export const PROPOSALS_DOC = 'knowledge-proposals';

export interface ProposalFile {
  version: 1;
  /** By id. */
  proposals: Record<string, Proposal>;
}

/** Decided proposals kept (so a rejected question is not proposed again); beyond it the oldest go. */
export const MAX_DECIDED = 2000;
/** Pending proposals kept; beyond it the least proposed, then the oldest, go. */
export const MAX_PENDING = 1000;

const total = (proposal: Proposal): number => proposal.origins.helpful + proposal.origins.linked;

const sameProposal = (proposal: Proposal, articleId: string, key: string): boolean =>
  proposal.articleId === articleId && proposal.key === key;

/**
 * Files written before proposals carried their key get it once, from the feature's own rule
 * (`questionKey`), so the store matches by the stored key only.
 */
async function addKeys(doc: JsonDoc<ProposalFile>): Promise<void> {
  if (Object.values(doc.data.proposals).every((proposal) => typeof proposal.key === 'string')) return;
  await doc.update((data) => {
    for (const proposal of Object.values(data.proposals)) proposal.key ??= questionKey(proposal.question);
  });
}

/** Proposed phrasings in `knowledge-proposals.json` in the data folder. */
export class LowdbProposalStore implements ProposalStore {
  private constructor(private readonly doc: JsonDoc<ProposalFile>, private readonly maxDecided: number, private readonly maxPending: number) {}

  static async open(dataDir: DataDir, options: { maxDecided?: number; maxPending?: number } = {}): Promise<LowdbProposalStore> {
    const doc = await dataDir.doc<ProposalFile>(PROPOSALS_DOC, { version: 1, proposals: {} });
    await addKeys(doc);
    return new LowdbProposalStore(doc, options.maxDecided ?? MAX_DECIDED, options.maxPending ?? MAX_PENDING);
  }

  async propose({ articleId, key, question: masked, origin, at }: NewProposal): Promise<Proposal> {
    const when = at.toISOString();
    let result: Proposal | undefined;
    await this.doc.update((data) => {
      const seen = Object.values(data.proposals).find((proposal) => sameProposal(proposal, articleId, key));
      if (seen) {
        seen.origins[origin] += 1;
        seen.lastAt = when;
        result = { ...seen, origins: { ...seen.origins } };
        return;
      }
      const proposal: Proposal = {
        id: newId(), articleId, key, question: masked, origins: { helpful: 0, linked: 0 }, firstAt: when, lastAt: when, status: 'pending',
      };
      proposal.origins[origin] = 1;
      data.proposals[proposal.id] = proposal;
      result = { ...proposal, origins: { ...proposal.origins } };
      this.dropSurplus(data);
    });
    return result as Proposal;
  }

  async get(id: string): Promise<Proposal | undefined> {
    const proposal = this.doc.data.proposals[id];
    return proposal && structuredClone(proposal);
  }

  async pending(limit: number): Promise<Proposal[]> {
    return Object.values(this.doc.data.proposals)
      .filter((proposal) => proposal.status === 'pending')
      .sort((a, b) => total(b) - total(a) || b.lastAt.localeCompare(a.lastAt))
      .slice(0, limit)
      .map((proposal) => structuredClone(proposal));
  }

  async countPending(): Promise<number> {
    return Object.values(this.doc.data.proposals).filter((proposal) => proposal.status === 'pending').length;
  }

  async decide(id: string, { status, by, at }: ProposalDecision): Promise<Proposal | undefined> {
    let result: Proposal | undefined;
    await this.doc.update((data) => {
      const proposal = data.proposals[id];
      if (!proposal || proposal.status !== 'pending') return;
      proposal.status = status;
      proposal.decidedBy = { aadObjectId: by.aadObjectId, name: by.name };
      proposal.decidedAt = at.toISOString();
      result = structuredClone(proposal);
      this.dropSurplus(data);
    });
    return result;
  }

  /** Keeps the file bounded: the oldest decided proposals and the least proposed pending ones go. */
  private dropSurplus(data: ProposalFile): void {
    const all = Object.values(data.proposals);
    const decided = all.filter((proposal) => proposal.status !== 'pending')
      .sort((a, b) => (a.decidedAt ?? '').localeCompare(b.decidedAt ?? ''));
    const pending = all.filter((proposal) => proposal.status === 'pending')
      .sort((a, b) => total(a) - total(b) || a.lastAt.localeCompare(b.lastAt));
    const drop = [...decided.slice(0, Math.max(0, decided.length - this.maxDecided)), ...pending.slice(0, Math.max(0, pending.length - this.maxPending))];
    for (const proposal of drop) delete data.proposals[proposal.id];
  }
}
