import { cp, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CardSigner, type SignedActionData } from '../../../src/shared/card-signer.js';
import { ManualClock } from '../../../src/shared/clock.js';
import type { DomainError } from '../../../src/shared/errors.js';
import { say } from '../../../src/shared/i18n.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { AdaptiveCard, Reply } from '../../../src/shared/messaging.js';
import { Router } from '../../../src/shared/router.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { LowdbFeedbackStore } from '../../../src/storage/lowdb-feedback-store.js';
import { LowdbProposalStore } from '../../../src/storage/lowdb-proposal-store.js';
import { KnowledgeBase, PhrasingWriter, registerKnowledge, type KnowledgeDeps } from '../../../src/features/knowledge/index.js';
import { temporaryFileOf } from '../../../src/features/knowledge/write-phrasing.js';
import { clicked, FIXTURE_KB, inbound, RecordingTools, SPECIALIST, THRESHOLDS } from './knowledge-test-kit.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const signer = new CardSigner('x'.repeat(32));
const temp = useTempDataDir('kb-proposals-');
let kb: string;
let dataDir: DataDir;
let knowledge: KnowledgeBase;
let router: Router;
let deps: KnowledgeDeps;

beforeEach(async () => {
  kb = join(temp.path, 'knowledge');
  await cp(FIXTURE_KB, kb, { recursive: true });
  dataDir = await temp.open('data');
  knowledge = await KnowledgeBase.open({ dir: kb, logger: silentLogger(), thresholds: THRESHOLDS, pollIntervalMs: 0 });
  deps = {
    knowledge,
    feedback: await LowdbFeedbackStore.open(dataDir),
    proposals: await LowdbProposalStore.open(dataDir),
    phrasings: new PhrasingWriter(kb),
    signer,
    logger: silentLogger(),
    clock: new ManualClock('2026-12-07T08:00:00Z'),
  };
  router = new Router((id) => id === SPECIALIST);
  registerKnowledge(router, deps);
});
afterEach(() => knowledge.close());

type Card = AdaptiveCard & { actions?: Array<{ title: string; data: SignedActionData }> };
const cardOf = (reply: Reply | undefined) => (reply?.kind === 'card' ? (reply.card as Card) : undefined);
const textOf = (reply: Reply | undefined) => (reply?.kind === 'text' ? reply.text : JSON.stringify(reply));

async function asSpecialist(data: SignedActionData, inputs: Record<string, unknown> = {}): Promise<RecordingTools> {
  const tools = new RecordingTools();
  const action = clicked(data.verb, { ...inputs, ...data.args }, 'en');
  await router.dispatchAction({ ...action, from: { ...action.from, aadObjectId: SPECIALIST, name: 'Siim Spetsialist' } }, tools);
  return tools;
}

/** An unanswered question linked to `star-parool-en` by a specialist: the proposal card. */
async function linkedProposal(question: string): Promise<Card> {
  await router.dispatchMessage(inbound(question, 'en'), new RecordingTools());
  const [entry] = await deps.feedback.mostAskedUnanswered(1);
  const form = cardOf((await asSpecialist(signer.sign('knowledge.linkForm', { key: entry.key }))).replies[0]);
  expect(JSON.stringify(form)).toContain('"value":"star-parool-en"');
  const linked = await asSpecialist(form?.actions?.[0].data as SignedActionData, { articleId: 'star-parool-en' });
  expect(JSON.stringify(linked.replaced[0])).toContain('Linked to \\"Changing your STAR password and login problems\\"');
  return cardOf(linked.replies[0]) as Card;
}

describe('proposal actions for specialists (English)', () => {
  it('accepts: writes the file, reloads, answers the question and replaces the card without buttons', async () => {
    const proposal = await linkedProposal('my kiosk terminal nags about credentials');
    expect(proposal.actions?.map((action) => action.title)).toEqual(['Add as a phrasing', 'Reject']);
    const accepted = await asSpecialist(proposal.actions?.[0].data as SignedActionData);
    expect(textOf(accepted.replies[0])).toMatch(/^I added the question "my kiosk terminal nags about credentials" as a phrasing of "Changing your STAR password and login problems" and wrote it to knowledge\/en\/star-parool.md\. The bot now answers/);
    expect(cardOf(accepted.replaced[0])?.actions).toBeUndefined();
    expect(JSON.stringify(accepted.replaced[0])).toContain('Added as a phrasing by Siim Spetsialist, 07.12.2026 10:00.');
    expect(await readFile(join(kb, 'en/star-parool.md'), 'utf8')).toContain('  - my kiosk terminal nags about credentials\n');
    expect(knowledge.search('my kiosk terminal nags about credentials')).toMatchObject({ decision: 'answer', results: [{ id: 'star-parool' }] });

    const again = await asSpecialist(proposal.actions?.[1].data as SignedActionData);
    expect(textOf(again.replies[0])).toBe('This proposal has already been decided.');
    expect(cardOf(again.replaced[0])?.actions).toBeUndefined();
  });

  it('a failed write says so in English, keeps the proposal pending and the file unchanged', async () => {
    const proposal = await linkedProposal('my kiosk terminal nags about credentials');
    const before = await readFile(join(kb, 'en/star-parool.md'), 'utf8');
    await mkdir(temporaryFileOf(join(kb, 'en/star-parool.md')));
    const error = await asSpecialist(proposal.actions?.[0].data as SignedActionData).then(() => undefined, (caught: unknown) => caught as DomainError);
    expect(error?.code).toBe('KNOWLEDGE_PHRASING_WRITE_FAILED');
    expect(error && say(error.userText, 'en', error.vars)).toMatch(/^I could not write the phrasing to the article file knowledge\/en\/star-parool\.md\. Nothing was lost/);
    expect(await readFile(join(kb, 'en/star-parool.md'), 'utf8')).toBe(before);
    expect(await deps.proposals.pending(5)).toHaveLength(1);
  });

  it('refuses a question that is gone and a proposal that does not exist', async () => {
    await expect(asSpecialist(signer.sign('knowledge.linkForm', { key: 'no such question' }))).rejects.toMatchObject({ code: 'KNOWLEDGE_QUESTION_GONE' });
    await expect(asSpecialist(signer.sign('knowledge.acceptPhrasing', { proposalId: 'nope' }))).rejects.toMatchObject({ code: 'KNOWLEDGE_PROPOSAL_NOT_FOUND' });
    const staff = new RecordingTools();
    await expect(router.dispatchAction(clicked('knowledge.rejectPhrasing', { proposalId: 'nope' }, 'en'), staff)).rejects.toMatchObject({ code: 'NOT_SPECIALIST' });
  });
});
