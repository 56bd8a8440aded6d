import { CardSigner } from '../../../src/shared/card-signer.js';
import type { SignedActionData } from '../../../src/shared/card-signer.js';
import { answerCard, sourcesLine } from '../../../src/features/knowledge/answer-card.js';
import type { Article } from '../../../src/features/knowledge/article.js';
import { caseOfferCard, suggestionCard } from '../../../src/features/knowledge/offer-cards.js';
import { TEXTS } from '../../../src/features/knowledge/knowledge-texts.js';
import { reportCard } from '../../../src/features/knowledge/report-card.js';
import { toTeamsMarkdown } from '../../../src/features/knowledge/teams-markdown.js';

const signer = new CardSigner('x'.repeat(32));

const article: Article = {
  id: 'star-parool-en',
  topic: 'star-parool',
  title: 'Changing your STAR password',
  system: 'STAR',
  lang: 'en',
  phrasings: ['I forgot my STAR password'],
  keywords: ['password'],
  updated: '2026-11-20',
  owner: 'kasutajatugi',
  sources: ['https://www.sm.ee/et/kkk', 'https://www.sm.ee/et/muu', 'SKA job description'],
  links: [{ title: 'ID helpline', url: 'https://sk.ee/kontakt/id-abiliin/' }],
  translationOf: 'star-parool',
  body: '## What to do\n\nAsk your **administrator**.',
  file: 'en/star-parool.md',
};

type Card = { body: Array<Record<string, unknown>>; actions?: Array<{ title: string; data: SignedActionData }>; version: string };
const texts = (card: Card) => card.body.map((element) => element.text as string);
const verified = (data: SignedActionData) => signer.verify(data.verb, data.args, data.sig);

describe('answerCard', () => {
  it('shows title, text, links, sources and signed Yes/No buttons in English', () => {
    const card = answerCard({ article, question: 'I forgot my STAR password', lang: 'en', signer }) as unknown as Card;
    expect(card.version).toBe('1.5');
    expect(texts(card)).toEqual([
      'Changing your STAR password',
      '**What to do**\n\nAsk your **administrator**.',
      'See also: [ID helpline](https://sk.ee/kontakt/id-abiliin/)',
      'Sources: [sm.ee](https://www.sm.ee/et/kkk), SKA job description',
      'Did this help?',
    ]);
    expect(card.actions?.map((action) => action.title)).toEqual(['Yes', 'No']);
    expect(card.actions?.map((action) => action.data.verb)).toEqual(['knowledge.helpful', 'knowledge.unhelpful']);
    for (const action of card.actions ?? []) {
      expect(action.data.args).toEqual({ articleId: 'star-parool-en', question: 'I forgot my STAR password' });
      expect(verified(action.data)).toBe(true);
    }
  });

  it('asks in Estonian and trims long questions to 300 characters', () => {
    const card = answerCard({ article, question: `${'a'.repeat(400)}`, lang: 'et', signer }) as unknown as Card;
    expect(texts(card)).toContain('Kas see aitas?');
    expect(card.actions?.map((action) => action.title)).toEqual(['Jah', 'Ei']);
    expect((card.actions?.[0].data.args.question as string).length).toBe(300);
  });

  it('has no buttons once feedback is given', () => {
    const card = answerCard({ article, question: 'q', lang: 'et', signer, feedbackGiven: true }) as unknown as Card;
    expect(card.actions).toBeUndefined();
    expect(texts(card)).toContain(TEXTS.feedbackReceived.et);
  });

  it('tells a tampered button apart', () => {
    const card = answerCard({ article, question: 'q', lang: 'et', signer }) as unknown as Card;
    const data = card.actions?.[0].data as SignedActionData;
    expect(signer.verify(data.verb, { ...data.args, articleId: 'other' }, data.sig)).toBe(false);
  });
});

describe('offer cards', () => {
  it('suggests up to three articles and offers a case with the ids shown', () => {
    const card = suggestionCard([{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }], 'küsimus', 'et', signer) as unknown as Card;
    expect(texts(card)).toEqual([TEXTS.suggestIntro.et]);
    expect(card.actions?.map((action) => [action.title, action.data.verb, action.data.args])).toEqual([
      ['A', 'knowledge.show', { id: 'a', question: 'küsimus' }],
      ['B', 'knowledge.show', { id: 'b', question: 'küsimus' }],
      [TEXTS.noneFits.et, 'cases.start', { question: 'küsimus', shown: 'a,b' }],
    ]);
    expect(card.actions?.every((action) => verified(action.data))).toBe(true);
  });

  it('offers a case when nothing was found, in both languages', () => {
    for (const lang of ['et', 'en'] as const) {
      const card = caseOfferCard(TEXTS.notFound, 'printer', [], lang, signer) as unknown as Card;
      expect(texts(card)).toEqual([TEXTS.notFound[lang]]);
      expect(card.actions?.[0]).toMatchObject({ title: TEXTS.openCase[lang], data: { verb: 'cases.start', args: { question: 'printer', shown: '' } } });
      expect(verified(card.actions?.[0].data as SignedActionData)).toBe(true);
    }
  });
});

describe('reportCard', () => {
  it('lists unanswered questions with a signed link button, unhelpful articles by title, or says there is no data', () => {
    const card = reportCard({
      unanswered: [{ key: 'printer', question: 'printer?', count: 3, lastAskedAt: '2026-11-26T08:00:00Z' }],
      unhelpful: [{ articleId: 'star-parool', title: 'Parool', helpful: 1, unhelpful: 4, lastAt: '2026-11-26T08:00:00Z' }],
      proposals: { pending: 12, shown: 10 },
      lang: 'et',
      signer,
    }) as unknown as Card;
    const json = JSON.stringify(card);
    expect(json).toContain('"text":"3× printer?"');
    expect(json).toContain('"title":"Parool","value":"4 ei aidanud, 1 aitas"');
    expect(json).not.toContain('star-parool');
    expect(json).toContain('Otsust ootab 12 ettepanekut. Allpool on 10 sagedasemat, igaüks eraldi kaardil; ülejäänud näitab järgmine aruanne.');
    type Item = { type: string; items: Array<{ actions?: Array<{ title: string; data: SignedActionData }> }> };
    const item = (card.body as unknown as Item[]).find((element) => element.type === 'Container');
    const button = item?.items[1].actions?.[0];
    expect(button?.title).toBe('Seo artikliga');
    const data = button?.data as SignedActionData;
    expect(data).toMatchObject({ verb: 'knowledge.linkForm', args: { key: 'printer' } });
    expect(verified(data)).toBe(true);
    const empty = reportCard({ unanswered: [], unhelpful: [], proposals: { pending: 0, shown: 0 }, lang: 'en', signer }) as unknown as Card;
    expect(texts(empty).filter((text) => text === TEXTS.reportNothing.en)).toHaveLength(3);
  });
});

describe('sourcesLine and toTeamsMarkdown', () => {
  it('names web sources by host, once', () => {
    expect(sourcesLine(['https://www.sm.ee/a', 'https://www.sm.ee/b', 'ametijuhend'])).toBe('[sm.ee](https://www.sm.ee/a), ametijuhend');
  });

  it('turns headings, tables, images, code, quotes and HTML into what Teams renders', () => {
    const markdown = [
      '# Pealkiri', '', '| Kellele | Millal |', '|---|---|', '| admin | kohe |', '', '![pilt](https://x.ee/p.png)',
      '```', 'kood', '```', '> tsitaat', 'Tekst<br>edasi <b>paks</b> `kood`', '---', '- punkt',
    ].join('\n');
    expect(toTeamsMarkdown(markdown)).toBe([
      '**Pealkiri**', '', '- **Kellele:** admin; **Millal:** kohe', '', '[pilt](https://x.ee/p.png)', 'kood', 'tsitaat', 'Tekst edasi paks kood', '', '- punkt',
    ].join('\n'));
  });
});
