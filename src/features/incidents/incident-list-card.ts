import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, heading, type Element } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, textReply, type Reply } from '../../shared/messaging.js';
import type { Incident } from './incident.js';
import { noticeBody, specialistButtons } from './notice-card.js';

const TEXT: Record<'none' | 'title', Text> = {
  none: { et: 'Praegu ei ole teada ühtegi riket ega katkestust.', en: 'There are no known incidents or outages right now.' },
  title: { et: 'Rikked ({count})', en: 'Incidents ({count})' },
};

/** Open incidents (and those resolved but not archived yet); specialists get update and resolve buttons. */
export function incidentListCard(incidents: Incident[], lang: Lang, signer?: CardSigner): Reply {
  if (incidents.length === 0) return textReply(say(TEXT.none, lang));
  const body: Element[] = [heading(say(TEXT.title, lang, { count: incidents.length }))];
  for (const incident of incidents.slice(0, 10)) {
    const items: Element[] = noticeBody(incident, lang);
    const buttons = signer ? specialistButtons(incident, signer, lang) : [];
    if (buttons.length > 0) items.push({ type: 'ActionSet', actions: buttons });
    body.push({ type: 'Container', separator: true, spacing: 'Large', items });
  }
  return cardReply(adaptiveCard(body));
}
