import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard } from '../../shared/cards.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError } from '../../shared/errors.js';
import { say, type Text } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { cardReply, type CardAction, type ConversationAddress } from '../../shared/messaging.js';
import { plainText } from '../../shared/plain-text.js';
import type { Router } from '../../shared/router.js';
import { showTime, tallinnToDate } from '../../shared/tallinn-time.js';
import type { IncidentActor } from './incident.js';
import type { IncidentService } from './incident-service.js';
import { endInputs, maintenanceBody, maintenanceButtons } from './maintenance-card.js';
import { draftOf, maintenanceForm, maintenancePreview, parseMaintenanceForm } from './maintenance-form.js';
import type { MaintenancePlanner } from './maintenance-planner.js';
import { FORM_INVALID } from './notice-form.js';

const T: Record<string, Text> = {
  planned: { et: 'Planeeritud: hooldus {id}. Teade läheb välja {time}.', en: 'Scheduled: maintenance {id}. The notice goes out at {time}.' },
  plannedNow: { et: 'Planeeritud: hooldus {id}. Teade läks saatmisele; edenemist näitan spetsialistide kanalis.', en: 'Scheduled: maintenance {id}. The notice is being sent; I show the progress in the specialists\' channel.' },
  already: { et: 'Selle hoolduse on juba planeerinud {name} ({id}); teist korda ma seda ei planeeri.', en: '{name} has already scheduled this maintenance ({id}); I will not schedule it twice.' },
  alreadyCancelled: { et: 'Sellest hooldusest on juba loobunud {name}, seega seda ei planeeritud.', en: '{name} has already cancelled this draft, so it was not scheduled.' },
  extended: { et: 'Hooldus {id} on pikendatud: uus lõpp on {end}.', en: 'Maintenance {id} is extended: it now ends at {end}.' },
  extendedTold: { et: 'Välja läinud teated muudan kohapeal.', en: 'I am editing the notices already sent in place.' },
  cancelled: { et: 'Hooldus {id} on tühistatud.', en: 'Maintenance {id} is cancelled.' },
  cancelledTold: { et: 'Välja läinud teated muudan kohapeal tühistatuks.', en: 'I am editing the notices already sent in place to say it is cancelled.' },
  cancelledQuiet: { et: 'Teade polnud veel välja läinud, seega kedagi ei teavitatud.', en: 'The notice had not gone out yet, so nobody was told.' },
  newEnd: { et: 'uus lõpp', en: 'new end' },
};

export const MAINTENANCE_WRONG_CHANNEL = new DomainError('MAINTENANCE_WRONG_CHANNEL', {
  et: 'Hooldust saab planeerida spetsialistide kanalis või isiklikus vestluses minuga.',
  en: 'Maintenance can be scheduled in the specialists\' channel or in a personal chat with me.',
});

export interface MaintenanceHandlerDeps {
  router: Router;
  planner: MaintenancePlanner;
  service: Pick<IncidentService, 'audienceCount'>;
  signer: CardSigner;
  clock: Clock;
  /** The specialists' channel id: the one channel where maintenance is scheduled. */
  specialistsChannelId?: string;
}

const SPECIALIST = { audience: 'specialist' as const };
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const actorOf = (action: CardAction): IncidentActor => ({ source: 'teams', aadObjectId: action.from.aadObjectId, name: action.from.name });

function checkWhere(address: ConversationAddress, specialistsChannelId: string | undefined): void {
  if (address.kind === 'personal') return;
  const channel = address.channelId ?? address.conversationId.split(';')[0];
  if (address.kind !== 'channel' || !specialistsChannelId || channel !== specialistsChannelId) throw MAINTENANCE_WRONG_CHANNEL;
}

/** `uus hooldus` / `new maintenance`: form, preview with the audience, confirm; then extend or cancel. Specialists only. */
export function registerMaintenanceHandlers(deps: MaintenanceHandlerDeps): void {
  const { router, planner, signer, clock } = deps;

  router.command(
    { key: 'incidents.maintenance', names: { et: ['uus hooldus'], en: ['new maintenance'] }, help: { et: 'planeerib hoolduse: teade läheb välja valitud ajal enne algust, algul meeldetuletus, lõpus märgitakse lõppenuks', en: 'schedules maintenance: the notice goes out at a chosen time before the start, a reminder at the start, marked as ended at the end' }, audience: 'specialist', scopes: ['personal', 'channel'] },
    async (message, tools) => {
      checkWhere(message.address, deps.specialistsChannelId);
      await tools.reply(maintenanceForm(signer, message.lang));
    },
  );

  router.action('incidents.maintenance.preview', async (action, tools) => {
    checkWhere(action.address, deps.specialistsChannelId);
    const now = clock.now();
    const draft = parseMaintenanceForm(action.data, action.lang, now);
    await tools.replaceCard(maintenancePreview(draft, await deps.service.audienceCount(draft.systems), signer, action.lang, now, newId()));
  }, SPECIALIST);

  router.action('incidents.maintenance.confirm', async (action, tools) => {
    const texts = { title: text(action.data.title), description: text(action.data.description), titleEn: text(action.data.titleEn), descriptionEn: text(action.data.descriptionEn) };
    const result = await planner.plan(draftOf(action.data.draft), texts, actorOf(action), String(action.data.draftId ?? ''));
    if (result.outcome !== 'planned') return void (await tools.reply(say(T[result.outcome], action.lang, { id: result.id, name: plainText(result.by ?? '-') })));
    const { item } = result;
    const announced = item.maintenance.phase !== 'scheduled';
    await tools.replaceCard({ kind: 'text', text: announced ? say(T.plannedNow, action.lang, { id: item.id }) : say(T.planned, action.lang, { id: item.id, time: showTime(item.maintenance.announceAt) ?? '' }) });
    await tools.reply(cardReply(adaptiveCard(maintenanceBody(item, action.lang, true), maintenanceButtons(item, signer, action.lang))));
  }, SPECIALIST);

  router.action('incidents.maintenance.extend', async (action, tools) => {
    const id = String(action.data.id ?? '');
    const inputs = endInputs(id);
    const end = text(action.data[inputs.date]) && text(action.data[inputs.time]) ? tallinnToDate(String(action.data[inputs.date]).trim(), String(action.data[inputs.time])) : undefined;
    if (!end) throw new DomainError('MAINTENANCE_FORM_INVALID', FORM_INVALID, { fields: say(T.newEnd, action.lang) });
    const item = await planner.extend(id, end, actorOf(action));
    const told = item.maintenance.phase !== 'scheduled';
    await tools.reply(`${say(T.extended, action.lang, { id: item.id, end: showTime(item.expectedEnd) ?? '' })}${told ? ` ${say(T.extendedTold, action.lang)}` : ''}`);
  }, SPECIALIST);

  router.action('incidents.maintenance.cancel', async (action, tools) => {
    const { item, told } = await planner.cancel(String(action.data.id ?? ''), actorOf(action));
    await tools.reply(`${say(T.cancelled, action.lang, { id: item.id })} ${say(told ? T.cancelledTold : T.cancelledQuiet, action.lang)}`);
  }, SPECIALIST);
}
