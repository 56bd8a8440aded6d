import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, paragraph, submitButton } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';
import { VERBS } from './answer-card.js';
import { trimQuestion } from './clean-question.js';
import { TEXTS } from './knowledge-texts.js';

/** The button that hands the question to the cases feature, with the articles already shown. */
export function startCaseButton(label: Text, question: string, shown: readonly string[], lang: Lang, signer: CardSigner) {
  return submitButton(say(label, lang), signer.sign(VERBS.startCase, { question: trimQuestion(question), shown: shown.join(',') }));
}

/** A message and the "open a case" button: nothing found, or an answer that did not help. */
export function caseOfferCard(message: Text, question: string, shown: readonly string[], lang: Lang, signer: CardSigner): AdaptiveCard {
  return adaptiveCard([paragraph(say(message, lang))], [startCaseButton(TEXTS.openCase, question, shown, lang, signer)]);
}

export interface Suggestion {
  id: string;
  title: string;
}

/** Up to three articles as buttons, and a way out when none fits. */
export function suggestionCard(suggestions: readonly Suggestion[], question: string, lang: Lang, signer: CardSigner): AdaptiveCard {
  const trimmed = trimQuestion(question);
  return adaptiveCard(
    [paragraph(say(TEXTS.suggestIntro, lang))],
    [
      ...suggestions.map((suggestion) => submitButton(suggestion.title, signer.sign(VERBS.show, { id: suggestion.id, question: trimmed }))),
      startCaseButton(TEXTS.noneFits, question, suggestions.map((suggestion) => suggestion.id), lang, signer),
    ],
  );
}
