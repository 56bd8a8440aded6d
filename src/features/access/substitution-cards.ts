import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, dateInput, facts, heading, paragraph, submitButton, textInput } from '../../shared/cards.js';
import { say, type Lang } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';
import { plainOptional, plainText } from '../../shared/plain-text.js';
import type { Catalogue } from './catalogue.js';
import type { Substitution } from './model.js';
import { T, periodText, rolesText } from './texts.js';

const W = {
  importTitle: { et: 'Asenduste import (puhkusegraafik)', en: 'Import substitutions (leave schedule)' },
  importHelp: {
    et: 'Kleebi siia CSV: päis person,substitute,from,to,rights; inimesed Entra object ID-ga, kuupäevad kujul AAAA-KK-PP, õigused rollide ID-dena (eraldaja ;) või „sama“ (puuduja pensionikindlustuse registri õigused).',
    en: 'Paste the CSV here: header person,substitute,from,to,rights; people by Entra object ID, dates as YYYY-MM-DD, rights as role IDs (separated by ;) or "same" (the absent person\'s pension register rights).',
  },
  csv: { et: 'CSV', en: 'CSV' },
  import: { et: 'Impordi', en: 'Import' },
  orderTitle: { et: 'Asendamise korraldus', en: 'Substitution order' },
  orderHelp: { et: 'Õigustatud isiku korralduse alusel: asendaja saab õigused esimesel päeval ja need lõpetatakse viimasele päevale järgneval päeval.', en: 'Based on an order from an authorised person: the substitute gets the rights on the first day, and they end the day after the last day.' },
  person: { et: 'Puuduja (Entra object ID)', en: 'Absent person (Entra object ID)' },
  substitute: { et: 'Asendaja (Entra object ID)', en: 'Substitute (Entra object ID)' },
  from: { et: 'Alates', en: 'From' },
  to: { et: 'Kuni (viimane päev)', en: 'Until (last day)' },
  rights: { et: 'Õigused: rollide ID-d (eraldaja ;) või „sama“', en: 'Rights: role IDs (separated by ;) or "same"' },
  save: { et: 'Pane kirja', en: 'Record' },
};

export function importCard(lang: Lang, signer: CardSigner): AdaptiveCard {
  return adaptiveCard(
    [heading(say(W.importTitle, lang)), paragraph(say(W.importHelp, lang), { isSubtle: true }), textInput('csv', say(W.csv, lang), { isMultiline: true, isRequired: true, placeholder: 'person,substitute,from,to,rights' })],
    [submitButton(say(W.import, lang), signer.sign('access.substitutions.import'), { style: 'positive' })],
  );
}

export function orderCard(lang: Lang, signer: CardSigner, today: string): AdaptiveCard {
  return adaptiveCard(
    [
      heading(say(W.orderTitle, lang)), paragraph(say(W.orderHelp, lang), { isSubtle: true }),
      textInput('person', say(W.person, lang), { isRequired: true }), textInput('substitute', say(W.substitute, lang), { isRequired: true }),
      dateInput('from', say(W.from, lang), { value: today, isRequired: true }), dateInput('to', say(W.to, lang), { isRequired: true }),
      textInput('rights', say(W.rights, lang), { value: 'sama', isRequired: true }),
    ],
    [submitButton(say(W.save, lang), signer.sign('access.substitution.order'), { style: 'positive' })],
  );
}

const A = {
  title: { et: 'Asendus {id} ootab sinu kinnitust', en: 'Substitution {id} is waiting for your approval' },
  decidedTitle: { et: 'Asendus {id}: {decision}', en: 'Substitution {id}: {decision}' },
  why: {
    et: 'Asendaja saab puuduja õigused alles pärast kinnitust. Kinnitab puuduja juht; kui juhti pole või ta on ise asendaja või asenduse kirja pannud, siis teine kasutajatoe spetsialist.',
    en: 'The substitute gets the rights only once this is approved. The absent person\'s manager approves; if there is none, or the manager is the substitute or recorded it, another support desk specialist does.',
  },
  person: { et: 'Puuduja', en: 'Absent person' },
  substitute: { et: 'Asendaja', en: 'Substitute' },
  recordedBy: { et: 'Kirja pani', en: 'Recorded by' },
  approve: { et: 'Kinnita', en: 'Approve' },
  reject: { et: 'Lükka tagasi', en: 'Reject' },
  approved: { et: 'kinnitatud', en: 'approved' },
  rejected: { et: 'tagasi lükatud', en: 'rejected' },
};

export const SUBSTITUTION_DECISION = { approved: A.approved, rejected: A.rejected };

function substitutionFacts(catalogue: Catalogue, item: Substitution, lang: Lang): Array<[string, string | undefined]> {
  return [
    [say(A.person, lang), plainText(item.person.name)],
    [say(A.substitute, lang), plainText(item.substitute.name)],
    [say(T.period, lang), periodText(item.from, item.to, lang)],
    [say(T.roles, lang), rolesText(catalogue, item.roles, lang)],
    [say(A.recordedBy, lang), plainText(item.createdBy.name)],
  ];
}

/** The card the approver (the absent person's manager, or the specialists' channel) gets. */
export function substitutionApprovalCard(catalogue: Catalogue, item: Substitution, lang: Lang, signer: CardSigner): AdaptiveCard {
  return adaptiveCard(
    [heading(say(A.title, lang, { id: item.id })), paragraph(say(A.why, lang), { isSubtle: true }), facts(substitutionFacts(catalogue, item, lang)), textInput('comment', say(T.comment, lang), { isMultiline: true, maxLength: 1000 })],
    [
      submitButton(say(A.approve, lang), signer.sign('access.substitution.decide', { id: item.id, approve: true }), { style: 'positive' }),
      submitButton(say(A.reject, lang), signer.sign('access.substitution.decide', { id: item.id, approve: false }), { style: 'destructive' }),
    ],
  );
}

/** The same card once decided: no buttons. */
export function substitutionDecidedCard(catalogue: Catalogue, item: Substitution, lang: Lang): AdaptiveCard {
  const decision = item.decision;
  return adaptiveCard([
    heading(say(A.decidedTitle, lang, { id: item.id, decision: say(decision?.approved ? A.approved : A.rejected, lang) })),
    facts([...substitutionFacts(catalogue, item, lang), [say(T.decidedBy, lang), plainOptional(decision?.by.name)], [say(T.comment, lang), plainOptional(decision?.comment || undefined)]]),
  ]);
}
