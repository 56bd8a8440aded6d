import { CARD_NOT_YOURS, cardDecided } from '../../../src/shared/card-decisions.js';
import { CardSigner, cardIdOf, isForSender } from '../../../src/shared/card-signer.js';
import { say } from '../../../src/shared/i18n.js';
import type { AdaptiveCard } from '../../../src/shared/messaging.js';

const signer = new CardSigner('unit-secret-unit-secret');
const card = (data: unknown): AdaptiveCard => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Ei', data }] }], actions: [{ type: 'Action.Submit', title: 'Jah', data: signer.sign('knowledge.helpful', { articleId: 'a' }) }] });
const buttons = (sealed: AdaptiveCard) => [((sealed.body as Array<{ actions: Array<{ data: { verb: string; args: Record<string, unknown>; sig: string } }> }>)[0].actions[0].data), (sealed.actions as Array<{ data: { verb: string; args: Record<string, unknown>; sig: string } }>)[0].data];

describe('CardSigner.seal', () => {
  it('gives every signed button one card id and the recipient, signed again', () => {
    const sealed = signer.seal(card(signer.sign('knowledge.unhelpful', { articleId: 'a' })), 'A1A1-KATI');
    const [no, yes] = buttons(sealed);
    expect(signer.verify(no.verb, no.args, no.sig)).toBe(true);
    expect(signer.verify(yes.verb, yes.args, yes.sig)).toBe(true);
    expect(cardIdOf(no.args)).toBeDefined();
    expect(cardIdOf(no.args)).toBe(cardIdOf(yes.args));
    expect(isForSender(no.args, 'a1a1-kati')).toBe(true);
    expect(isForSender(no.args, 'c3c3-mari')).toBe(false);
    expect(isForSender(no.args, undefined)).toBe(false);
    expect(cardIdOf(buttons(signer.seal(card(signer.sign('knowledge.unhelpful', { articleId: 'a' }))))[0].args)).not.toBe(cardIdOf(no.args));
  });

  it('leaves buttons it did not sign alone, and binds nobody in a channel', () => {
    const forged = { verb: 'knowledge.unhelpful', args: { articleId: 'a' }, sig: 'not-ours' };
    const [no, yes] = buttons(signer.seal(card(forged)));
    expect(no).toEqual(forged);
    expect(isForSender(yes.args, 'anyone')).toBe(true);
  });

  it('has words in both languages for the refusals', () => {
    expect(say(CARD_NOT_YOURS.userText, 'et')).toBe('See kaart saadeti teisele inimesele, seega ei saa sina selle nuppe kasutada.');
    expect(say(CARD_NOT_YOURS.userText, 'en')).toBe('This card was sent to someone else, so you cannot use its buttons.');
    const decided = cardDecided('Kati Kasutaja');
    expect(say(decided.userText, 'et', decided.vars)).toBe('Selle kaardi kohta on juba otsustanud Kati Kasutaja; selle nuppe ei saa uuesti kasutada.');
    expect(say(decided.userText, 'en', decided.vars)).toBe('This card has already been decided by Kati Kasutaja; its buttons cannot be used again.');
  });
});
