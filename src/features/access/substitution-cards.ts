import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, dateInput, heading, paragraph, submitButton, textInput } from '../../shared/cards.js';
import { say, type Lang } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';

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
