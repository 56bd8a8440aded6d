import { createHash } from 'node:crypto';
import type { CardSigner } from '../../shared/card-signer.js';
import type { Clock } from '../../shared/clock.js';
import { say } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import type { CardAction, Messenger, TurnTools } from '../../shared/messaging.js';
import type { Router } from '../../shared/router.js';
import { INCIDENT_RESOLVED, contentOf, openIncident, reviseIncident, type Incident, type IncidentActor } from './incident.js';
import { contentOfInput, incidentInputSchema, type IncidentInput } from './incident-input.js';
import { CANCELLED, INCIDENT_NOT_FOUND, type IncidentService } from './incident-service.js';
import { noticeForm, parseNoticeForm } from './notice-form.js';
import { MAINTENANCE_NOT_AN_INCIDENT } from './maintenance.js';
import type { Pacer } from './pacer.js';
import { decidedCard, previewCard } from './preview-card.js';
import { startReport } from './start-report.js';
import type { AudienceResolver } from './audience-resolver.js';
import { audienceOf } from './read-audience.js';
import { signedDraft } from './signed-draft.js';
import { noticeCard, specialistButtons } from './notice-card.js';
import { CHANGED_HINT, VERSION_ARG, isNoticeChanged, staleFor, versionOf } from './notice-version.js';

export interface NoticeHandlerDeps {
  router: Router;
  service: IncidentService;
  signer: CardSigner;
  clock: Clock;
  messenger: Messenger;
  pacer: Pacer;
  logger: Logger;
  audiences: AudienceResolver;
}

const SPECIALIST = { audience: 'specialist' as const };
const actorOf = (action: CardAction): IncidentActor => ({ source: 'teams', aadObjectId: action.from.aadObjectId, name: action.from.name });
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** Drafting, previewing, confirming, updating and resolving notices: specialists only. */
export function registerNoticeHandlers(deps: NoticeHandlerDeps): void {
  const { router, service, signer } = deps;

  async function openIncidentById(id: string | undefined): Promise<Incident> {
    if (!id) throw INCIDENT_NOT_FOUND;
    const incident = await service.find(id);
    if (incident.kind === 'maintenance') throw MAINTENANCE_NOT_AN_INCIDENT;
    if (incident.status === 'resolved') throw INCIDENT_RESOLVED;
    return incident;
  }

  /** A form or preview older than the stored incident: say so and show the current state, whose buttons open it again. */
  async function refuseChanged(action: CardAction, tools: TurnTools, error: unknown): Promise<undefined> {
    if (!isNoticeChanged(error)) throw error;
    const current = await service.find(String(action.data.id ?? ''));
    const hint = current.status === 'resolved' ? '' : ` ${say(CHANGED_HINT, action.lang)}`;
    await tools.reply(`${say(error.userText, action.lang, error.vars)}${hint}`);
    await tools.reply(noticeCard(current, action.lang, specialistButtons(current, signer, action.lang)));
    return undefined;
  }

  async function preview(action: CardAction, tools: TurnTools, input: IncidentInput, current: Incident | undefined, replace: boolean): Promise<void> {
    const now = deps.clock.now();
    const content = contentOfInput(input);
    const shown = current
      ? reviseIncident(current, content, now, actorOf(action)).incident
      : openIncident(content, { id: say({ et: 'uus', en: 'new' }, action.lang), now, by: actorOf(action) });
    // An update's confirm carries the version it was previewed from: intake refuses it once the incident moved on.
    const confirm = signer.sign('incidents.confirm', { draft: JSON.stringify(input), draftId: newId(), ...(current ? { id: current.id, [VERSION_ARG]: current.version } : {}) });
    const card = previewCard(shown, await service.reachPreview(input.systems, input.audience, current?.id), confirm, signer, action.lang);
    if (replace) await tools.replaceCard(card);
    else await tools.reply(card);
  }

  router.command(
    { key: 'incidents.new', names: { et: ['uus teade'], en: ['new notice'] }, help: { et: 'koostab teate rikkest (eelvaade enne saatmist)', en: 'drafts an incident notice (with a preview before sending)' }, audience: 'specialist', scopes: ['personal', 'channel'] },
    async (message, tools) => { await tools.reply(noticeForm(signer, message.lang)); },
  );
  router.command(
    { key: 'incidents.update', names: { et: ['uuenda teadet'], en: ['update notice'] }, help: { et: 'uuendab rikketeadet, nt „uuenda teadet RIKE-20261126-3F9A“', en: 'updates an incident notice, e.g. "update notice RIKE-20261126-3F9A"' }, audience: 'specialist', scopes: ['personal', 'channel'], takesArgument: true },
    async (message, tools, argument) => {
      const incident = await openIncidentById(argument.trim().toUpperCase());
      await tools.reply(noticeForm(signer, message.lang, contentOf(incident), incident));
    },
  );

  router.action('incidents.edit', async (action, tools) => {
    const incident = await openIncidentById(text(action.data.id));
    await tools.reply(noticeForm(signer, action.lang, contentOf(incident), incident));
  }, SPECIALIST);

  router.action('incidents.resolve', async (action, tools) => {
    const incident = await openIncidentById(text(action.data.id));
    await preview(action, tools, { ...contentOf(incident), ref: incident.ref, status: 'resolved' }, incident, false);
  }, SPECIALIST);

  router.action('incidents.preview', async (action, tools) => {
    const current = text(action.data.id) ? await openIncidentById(text(action.data.id)) : undefined;
    // The form was built from an older version: previewing it would put its content over the newer one.
    const stale = current && staleFor(current, { id: current.id, version: versionOf(action.data) });
    if (stale) return refuseChanged(action, tools, stale);
    const input = { ...parseNoticeForm(action.data, action.lang, current?.ref), ...(await audienceOf(action.data, action.lang, deps.audiences)) };
    await preview(action, tools, input, current, true);
  }, SPECIALIST);

  router.action('incidents.cancel', async (action, tools) => {
    const draftId = text(action.data.draftId);
    const earlier = draftId ? await service.cancelDraft(`teams:${draftId}`, action.from.name) : undefined;
    if (!earlier) return void (await tools.replaceCard(decidedCard('cancelled', '', action.lang)));
    const outcome = earlier.answer.status === CANCELLED ? 'alreadyCancelled' : 'already';
    await tools.reply(decidedCard(outcome, earlier.answer.id, action.lang, earlier.by));
  }, SPECIALIST);

  router.action('incidents.confirm', async (action, tools) => {
    const input = signedDraft(action.data.draft, incidentInputSchema);
    const draft = String(action.data.draft);
    if (text(action.data.id)) await openIncidentById(text(action.data.id)).catch((error: unknown) => {
      if (error !== INCIDENT_RESOLVED || input.status !== 'resolved') throw error;
    });
    const id = text(action.data.id);
    const builtFrom = id ? { id, version: versionOf(action.data) } : undefined;
    const result = await service.intake(input, { by: actorOf(action), idempotencyKey: `teams:${String(action.data.draftId)}`, bodyHash: createHash('sha256').update(draft).digest('hex'), builtFrom })
      .catch((error: unknown) => refuseChanged(action, tools, error));
    if (!result) return;
    if (result.outcome === 'replayed') {
      await tools.reply(decidedCard(result.answer.status === CANCELLED ? 'alreadyCancelled' : 'already', result.answer.id, action.lang, result.decidedBy));
      return;
    }
    const outcome = result.outcome === 'unchanged' || result.outcome === 'ignored' ? 'unchanged' : 'sent';
    await tools.replaceCard(decidedCard(outcome, result.answer.id, action.lang));
    if (outcome === 'sent' && result.incident) await startReport(deps, result.incident, action.address, action.lang);
  }, SPECIALIST);
}
