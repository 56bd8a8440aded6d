import { CardSigner, type SignedActionData } from '../../../src/shared/card-signer.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { textReply, type AdaptiveCard, type InboundMessage, type Reply } from '../../../src/shared/messaging.js';
import { Router } from '../../../src/shared/router.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { KnowledgeBase, registerKnowledge, type KnowledgeDeps } from '../../../src/features/knowledge/index.js';
import { LowdbFeedbackStore } from '../../../src/storage/lowdb-feedback-store.js';
import { LowdbProposalStore } from '../../../src/storage/lowdb-proposal-store.js';
import { PhrasingWriter } from '../../../src/features/knowledge/index.js';
import { TEXTS } from '../../../src/features/knowledge/knowledge-texts.js';
import { clicked, FIXTURE_KB, inbound, RecordingTools, SPECIALIST, THRESHOLDS } from './knowledge-test-kit.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const signer = new CardSigner('x'.repeat(32));
const temp = useTempDataDir('kb-handlers-');
let dataDir: DataDir;
let knowledge: KnowledgeBase;
let router: Router;
let deps: KnowledgeDeps;
let hookCalls: Array<{ text: string; systems: string[] }>;

beforeEach(async () => {
  dataDir = await temp.open();
  knowledge = await KnowledgeBase.open({ dir: FIXTURE_KB, logger: silentLogger(), thresholds: THRESHOLDS, pollIntervalMs: 0 });
  hookCalls = [];
  deps = {
    knowledge,
    feedback: await LowdbFeedbackStore.open(dataDir),
    proposals: await LowdbProposalStore.open(dataDir),
    phrasings: new PhrasingWriter(FIXTURE_KB),
    signer,
    logger: silentLogger(),
    clock: new ManualClock('2026-11-26T08:00:00Z'),
    beforeAnswer: async (message: InboundMessage, systems: string[]) => {
      hookCalls.push({ text: message.text, systems });
      return systems.includes('SKAIS') ? textReply('SKAISis on rike.') : undefined;
    },
  };
  router = new Router((id) => id === SPECIALIST);
  registerKnowledge(router, deps);
});
afterEach(() => knowledge.close());

type Card = { body: Array<{ text?: string }>; actions?: Array<{ title: string; data: SignedActionData }> };
const cardOf = (reply: Reply | undefined) => (reply?.kind === 'card' ? (reply.card as AdaptiveCard & Card) : undefined);
const firstText = (reply: Reply | undefined) => cardOf(reply)?.body[0].text;

async function ask(text: string, lang: 'et' | 'en' = 'et'): Promise<RecordingTools> {
  const tools = new RecordingTools();
  await router.dispatchMessage(inbound(text, lang), tools);
  return tools;
}

async function click(data: SignedActionData, lang: 'et' | 'en' = 'et'): Promise<RecordingTools> {
  expect(signer.verify(data.verb, data.args, data.sig)).toBe(true);
  const tools = new RecordingTools();
  await router.dispatchAction(clicked(data.verb, data.args, lang), tools);
  return tools;
}

describe('registerKnowledge', () => {
  it('answers a question with the article in the user language', async () => {
    const english = await ask('I forgot my STAR password', 'en');
    expect(firstText(english.replies[0])).toBe('Changing your STAR password and login problems');
    const estonian = await ask('unustasin STARi parooli');
    expect(firstText(estonian.replies[0])).toBe('STARi parooli vahetamine ja sisselogimise probleemid');
    expect(hookCalls).toEqual([{ text: 'I forgot my STAR password', systems: ['STAR'] }, { text: 'unustasin STARi parooli', systems: ['STAR'] }]);
  });

  it('falls back to the Estonian article when there is no English one, and says so in English', async () => {
    const tools = await ask('How do I log in to STAR with Smart-ID?', 'en');
    expect(firstText(tools.replies[0])).toBe('Kuidas STARi sisse logida');
    expect(cardOf(tools.replies[0])?.body[1].text).toBe(TEXTS.onlyInOtherLanguage.en);
  });

  it('answers in the language the question is written in, whatever the Teams locale', async () => {
    const estonian = await ask('unustasin STARi parooli, mida teha', 'en');
    expect(firstText(estonian.replies[0])).toBe('STARi parooli vahetamine ja sisselogimise probleemid');
    const english = await ask('I forgot my STAR password, what do I do', 'et');
    expect(firstText(english.replies[0])).toBe('Changing your STAR password and login problems');
    const unclear = await ask('STAR parool', 'en');
    expect(firstText(unclear.replies[0])).toBe('Changing your STAR password and login problems');
  });

  it('answers small talk briefly in its language, never with an article, and does not keep it as unanswered', async () => {
    const cases: Array<[string, 'et' | 'en', string]> = [
      ['Tere!', 'en', TEXTS.smalltalkGreeting.et],
      ['hello', 'et', TEXTS.smalltalkGreeting.en],
      ['aitäh!', 'et', TEXTS.smalltalkThanks.et],
      ['are you a robot?', 'et', TEXTS.smalltalkRobot.en],
      ['kes sa oled', 'et', TEXTS.smalltalkWhoAreYou.et],
      ['sa oled täiesti kasutu', 'et', TEXTS.smalltalkInsult.et],
      ['asdfgh qwrtz', 'et', TEXTS.smalltalkGibberish.et],
      ['ok', 'en', TEXTS.smalltalkAck.en],
    ];
    for (const [text, lang, answer] of cases) expect((await ask(text, lang)).replies).toEqual([textReply(answer)]);
    expect(await deps.feedback.mostAskedUnanswered(5)).toEqual([]);
    expect(hookCalls).toEqual([]);
  });

  it('takes a greeting with a question as a question', async () => {
    const tools = await ask('Tere! Unustasin oma STARi parooli ära');
    expect(firstText(tools.replies[0])).toBe('STARi parooli vahetamine ja sisselogimise probleemid');
  });

  it('sends the beforeAnswer reply first', async () => {
    const tools = await ask('lähen puhkusele, asendaja vajab SKAISi õigusi');
    expect(tools.replies[0]).toEqual(textReply('SKAISis on rike.'));
    expect(firstText(tools.replies[1])).toBe('Asendaja ajutised õigused SKAISis');
  });

  it('suggests articles, and shows the one picked', async () => {
    const tools = await ask('parool testkeskkonnas aegus');
    const card = cardOf(tools.replies[0]);
    expect(card?.body[0].text).toBe(TEXTS.suggestIntro.et);
    const show = card?.actions?.[0].data as SignedActionData;
    expect(show).toMatchObject({ verb: 'knowledge.show', args: { id: 'star-testkeskkond', question: 'parool testkeskkonnas aegus' } });
    expect(firstText((await click(show)).replies[0])).toBe('Konto STARi testkeskkonda');
  });

  it('says honestly when it finds nothing, offers a case and keeps the question for the report', async () => {
    const tools = await ask('kuidas printerit ühendada');
    const card = cardOf(tools.replies[0]);
    expect(card?.body[0].text).toBe(TEXTS.notFound.et);
    expect(card?.actions?.[0].data).toMatchObject({ verb: 'cases.start', args: { question: 'kuidas printerit ühendada', shown: '' } });
    expect(await deps.feedback.mostAskedUnanswered(5)).toEqual([{ key: 'kuidas printerit uhendada', question: 'kuidas printerit ühendada', count: 1, lastAskedAt: '2026-11-26T08:00:00.000Z' }]);
  });

  it('thanks for a Yes and takes the buttons off the answer', async () => {
    const answer = cardOf((await ask('unustasin STARi parooli')).replies[0]);
    const yes = await click(answer?.actions?.[0].data as SignedActionData);
    expect(yes.replies).toEqual([textReply(TEXTS.thanks.et)]);
    expect(cardOf(yes.replaced[0])?.actions).toBeUndefined();
    expect(await deps.feedback.feedbackFor('star-parool')).toMatchObject({ helpful: 1, unhelpful: 0 });
  });

  it('proposes a phrasing only for a picked suggestion that helped, and not one the article already has', async () => {
    const answered = cardOf((await ask('unustasin STARi parooli')).replies[0]);
    await click(answered?.actions?.[0].data as SignedActionData);
    const pickedNo = cardOf((await click(signer.sign('knowledge.show', { id: 'star-parool', question: 'parool ei lähe läbi' }))).replies[0]);
    await click(pickedNo?.actions?.[1].data as SignedActionData);
    const known = cardOf((await click(signer.sign('knowledge.show', { id: 'star-parool', question: 'Kuidas STARi parooli vahetada?' }))).replies[0]);
    await click(known?.actions?.[0].data as SignedActionData);
    expect(await deps.proposals.pending(10)).toEqual([]);
    const picked = cardOf((await click(signer.sign('knowledge.show', { id: 'star-parool', question: 'parool ei lähe läbi, isikukood 38001085718' }))).replies[0]);
    await click(picked?.actions?.[0].data as SignedActionData);
    expect(await deps.proposals.pending(10)).toMatchObject([{ articleId: 'star-parool', question: 'parool ei lähe läbi, isikukood [isikukood]', origins: { helpful: 1, linked: 0 } }]);
  });

  it('says sorry for a No and offers a case with the question and the article shown', async () => {
    const answer = cardOf((await ask('I forgot my STAR password', 'en')).replies[0]);
    const no = await click(answer?.actions?.[1].data as SignedActionData, 'en');
    const offer = cardOf(no.replies[0]);
    expect(offer?.body[0].text).toBe(TEXTS.sorry.en);
    expect(offer?.actions?.[0]).toMatchObject({ title: 'Open a case', data: { verb: 'cases.start', args: { question: 'I forgot my STAR password', shown: 'star-parool-en' } } });
    expect(await deps.feedback.mostUnhelpful(5)).toMatchObject([{ articleId: 'star-parool-en', unhelpful: 1 }]);
  });

  it('asks for a question when the message is empty, and says so when an article is gone', async () => {
    expect((await ask('   ')).replies).toEqual([textReply(TEXTS.emptyQuestion.et)]);
    expect((await ask('kuidas?', 'en')).replies).toEqual([textReply(TEXTS.emptyQuestion.et)]);
    expect(await deps.feedback.mostAskedUnanswered(5)).toEqual([]);
    const gone = new RecordingTools();
    await router.dispatchAction(clicked('knowledge.show', { id: 'star-puudub', question: 'x' }, 'en'), gone);
    expect(gone.replies).toEqual([textReply(TEXTS.articleGone.en)]);
  });

  it('shows the report to specialists only', async () => {
    await ask('kuidas printerit ühendada');
    const report = new RecordingTools();
    await router.dispatchMessage(inbound('teadmusbaasi aruanne', 'et', SPECIALIST), report);
    expect(firstText(report.replies[0])).toBe(TEXTS.reportTitle.et);
    expect(JSON.stringify(report.replies[0])).toContain('kuidas printerit ühendada');
    await expect(router.dispatchMessage(inbound('knowledge report'), new RecordingTools())).rejects.toMatchObject({ code: 'NOT_SPECIALIST' });
  });
});
