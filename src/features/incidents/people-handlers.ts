import type { CardSigner } from '../../shared/card-signer.js';
import { DomainError } from '../../shared/errors.js';
import type { Router } from '../../shared/router.js';
import type { IncidentService } from './incident-service.js';
import type { Maintenance } from './maintenance.js';
import type { SubscriptionStore } from './incident-store.js';
import { incidentListCard } from './incident-list-card.js';
import { followedFromForm, savedReply, subscriptionCard } from './subscription-card.js';

const NO_IDENTITY = new DomainError('INCIDENT_NO_IDENTITY', {
  et: 'Ma ei tuvasta, kes sa oled, seega ei saa ma sinu valikuid salvestada.',
  en: 'I cannot tell who you are, so I cannot save your choices.',
});

/** What everyone can do: see the current incidents and choose what to hear about. */
export function registerPeopleHandlers(deps: { router: Router; service: IncidentService; subscriptions: SubscriptionStore; signer: CardSigner; isSpecialist: (id: string | undefined) => boolean; maintenance?: (all: boolean) => Promise<Maintenance[]> }): void {
  const { router, service, subscriptions, signer } = deps;

  router.command(
    { key: 'incidents.list', names: { et: ['rikked'], en: ['incidents'] }, help: { et: 'näitab praegusi rikkeid ja katkestusi ning planeeritud hooldusi', en: 'shows current incidents and outages, and planned maintenance' }, scopes: ['personal', 'channel', 'groupChat'] },
    async (message, tools) => {
      const specialist = deps.isSpecialist(message.from.aadObjectId);
      await tools.reply(incidentListCard(await service.current(), message.lang, specialist ? signer : undefined, (await deps.maintenance?.(specialist)) ?? []));
    },
  );

  router.command(
    { key: 'incidents.follow', names: { et: ['teavitused'], en: ['notifications'] }, help: { et: 'valib, milliste süsteemide rikete kohta teateid saad', en: 'chooses which systems you get incident notices for' } },
    async (message, tools) => {
      if (!message.from.aadObjectId) throw NO_IDENTITY;
      await tools.reply(subscriptionCard(await subscriptions.followed(message.from.aadObjectId), signer, message.lang));
    },
  );

  router.action('incidents.follow', async (action, tools) => {
    if (!action.from.aadObjectId) throw NO_IDENTITY;
    const followed = followedFromForm(action.data);
    await subscriptions.save(action.from.aadObjectId, followed);
    await tools.replaceCard(savedReply(followed, action.lang));
  });
}
