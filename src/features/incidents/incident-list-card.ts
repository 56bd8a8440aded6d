import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, heading, paragraph, type Element } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, textReply, type Reply } from '../../shared/messaging.js';
import type { Incident } from './incident.js';
import type { Maintenance } from './maintenance.js';
import { maintenanceBody } from './maintenance-card.js';
import { noticeBody, specialistButtons } from './notice-card.js';

const TEXT: Record<'none' | 'title' | 'noIncidents' | 'maintenance', Text> = {
  none: { et: 'Praegu ei ole teada ühtegi riket ega katkestust.', en: 'There are no known incidents or outages right now.' },
  title: { et: 'Rikked ({count})', en: 'Incidents ({count})' },
  noIncidents: { et: 'Praegu ei ole teada ühtegi riket.', en: 'There are no known incidents right now.' },
  maintenance: { et: 'Planeeritud hooldused ({count})', en: 'Planned maintenance ({count})' },
};

function section(items: Element[], buttons: Element[]): Element {
  if (buttons.length > 0) items.push({ type: 'ActionSet', actions: buttons });
  return { type: 'Container', separator: true, spacing: 'Large', items };
}

/**
 * Open incidents (and those resolved but not archived yet), then planned maintenance (upcoming or
 * in progress) on its own; specialists get the buttons (update, resolve; extend, cancel).
 */
export function incidentListCard(incidents: Incident[], lang: Lang, signer?: CardSigner, maintenance: Maintenance[] = []): Reply {
  if (incidents.length === 0 && maintenance.length === 0) return textReply(say(TEXT.none, lang));
  const body: Element[] = [heading(say(TEXT.title, lang, { count: incidents.length }))];
  if (incidents.length === 0) body.push(paragraph(say(TEXT.noIncidents, lang)));
  for (const incident of incidents.slice(0, 10)) body.push(section(noticeBody(incident, lang), signer ? specialistButtons(incident, signer, lang) : []));
  if (maintenance.length > 0) {
    body.push({ ...heading(say(TEXT.maintenance, lang, { count: maintenance.length })), separator: true, spacing: 'ExtraLarge' });
    for (const item of maintenance.slice(0, 10)) body.push(section(maintenanceBody(item, lang, Boolean(signer)), signer ? specialistButtons(item, signer, lang) : []));
  }
  return cardReply(adaptiveCard(body));
}
