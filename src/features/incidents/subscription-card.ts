import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, heading, paragraph, submitButton } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { textReply, cardReply, type Reply } from '../../shared/messaging.js';
import { FOLLOWABLE, type FollowedSystem } from './incident.js';

const TEXT: Record<'title' | 'intro' | 'other' | 'save' | 'saved' | 'none', Text> = {
  title: { et: 'Teavitused riketest', en: 'Incident notifications' },
  intro: { et: 'Vali, milliste süsteemide rikete ja katkestuste kohta soovid teateid saada.', en: 'Choose which systems you want to hear about when they are down or degraded.' },
  other: { et: 'Muud süsteemid', en: 'Other systems' },
  save: { et: 'Salvesta', en: 'Save' },
  saved: { et: 'Salvestatud. Saadan sulle teateid nende kohta: {systems}.', en: 'Saved. I will tell you about: {systems}.' },
  none: { et: 'Salvestatud. Ma ei saada sulle enam teateid riketest; kanalites on need siiski näha.', en: 'Saved. I will no longer send you incident notices; they still appear in the channels.' },
};

const labelOf = (system: FollowedSystem, lang: Lang): string => (system === 'other' ? say(TEXT.other, lang) : system);

export function subscriptionCard(followed: FollowedSystem[], signer: CardSigner, lang: Lang): Reply {
  const toggles = FOLLOWABLE.map((system) => ({ type: 'Input.Toggle', id: `follow_${system}`, title: labelOf(system, lang), value: followed.includes(system) ? 'true' : 'false', valueOn: 'true', valueOff: 'false' }));
  return cardReply(adaptiveCard([heading(say(TEXT.title, lang)), paragraph(say(TEXT.intro, lang)), ...toggles], [submitButton(say(TEXT.save, lang), signer.sign('incidents.follow'))]));
}

/** The toggles' values as the systems followed. */
export function followedFromForm(data: Record<string, unknown>): FollowedSystem[] {
  return FOLLOWABLE.filter((system) => data[`follow_${system}`] === 'true' || data[`follow_${system}`] === true);
}

export function savedReply(followed: FollowedSystem[], lang: Lang): Reply {
  if (followed.length === 0) return textReply(say(TEXT.none, lang));
  return textReply(say(TEXT.saved, lang, { systems: followed.map((system) => labelOf(system, lang)).join(', ') }));
}
