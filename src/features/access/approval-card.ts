import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, facts, heading, paragraph, submitButton, textInput, type Element } from '../../shared/cards.js';
import { say, type Lang } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';
import type { Catalogue } from './catalogue.js';
import type { AccessRequest } from './model.js';
import { KIND, T, flagsText, requestFacts } from './texts.js';
import { plainOptional, plainText } from '../../shared/plain-text.js';
import { tallinnTime } from '../../shared/tallinn-time.js';

function flagBlock(catalogue: Catalogue, request: AccessRequest, jobTitle: string, lang: Lang): Element[] {
  if (request.flags.length === 0) return [];
  return [paragraph(say(T.flagged, lang, { flags: flagsText(catalogue, request.flags, jobTitle, lang) }), { color: 'Attention', weight: 'Bolder' })];
}

/** The card an approver gets: the request, any exception, a comment and (for an exception) the acknowledgement box. */
export function approvalCard(catalogue: Catalogue, request: AccessRequest, jobTitle: string, lang: Lang, signer: CardSigner): AdaptiveCard {
  const body: Element[] = [
    heading(say(T.approvalTitle, lang, { id: request.id })),
    paragraph(say(KIND[request.kind], lang), { isSubtle: true }),
    facts(requestFacts(catalogue, request, lang)),
    ...(request.approversFromCatalogue ? [paragraph(say(T.fromCatalogue, lang), { isSubtle: true })] : []),
    ...flagBlock(catalogue, request, jobTitle, lang),
    textInput('comment', say(T.comment, lang), { isMultiline: true, maxLength: 1000 }),
  ];
  if (request.flags.length > 0) body.push({ type: 'Input.Toggle', id: 'ack', title: say(T.ack, lang), valueOn: 'true', valueOff: 'false', value: 'false' });
  return adaptiveCard(body, [
    submitButton(say(T.approve, lang), signer.sign('access.decide', { requestId: request.id, approve: true }), { style: 'positive' }),
    submitButton(say(T.reject, lang), signer.sign('access.decide', { requestId: request.id, approve: false }), { style: 'destructive' }),
  ]);
}

/** The same card once decided: no buttons, so it cannot be decided twice. */
export function decidedCard(catalogue: Catalogue, request: AccessRequest, lang: Lang): AdaptiveCard {
  const decision = request.decision;
  const outcome = say(decision?.approved ? T.approved : T.rejected, lang);
  return adaptiveCard([
    heading(say(T.decidedTitle, lang, { id: request.id, decision: outcome })),
    facts([
      ...requestFacts(catalogue, request, lang),
      [say(T.decidedBy, lang), decision && `${plainText(decision.by.name)}, ${tallinnTime(new Date(decision.at))}`],
      [say(T.comment, lang), plainOptional(decision?.comment)],
    ]),
  ]);
}

/** The request form, once sent: what was asked, without the send button. */
export function submittedCard(catalogue: Catalogue, request: AccessRequest, lang: Lang): AdaptiveCard {
  return adaptiveCard([
    heading(say(T.submittedTitle, lang, { id: request.id })),
    paragraph(say(KIND[request.kind], lang), { isSubtle: true }),
    facts(requestFacts(catalogue, request, lang)),
  ]);
}
