import type { CardSigner } from '../../shared/card-signer.js';
import { submitButton, type Element } from '../../shared/cards.js';
import type { Clock } from '../../shared/clock.js';
import type { KeyedLock } from '../../shared/keyed-lock.js';
import { DomainError } from '../../shared/errors.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { Logger } from '../../shared/logger.js';
import { type CardAction, type Messenger, type TurnTools } from '../../shared/messaging.js';
import { plainText } from '../../shared/plain-text.js';
import type { Router } from '../../shared/router.js';
import { showTime } from '../../shared/tallinn-time.js';
import { ACK_VERB, personalNotice } from './ack-card.js';
import { isPublished, type Incident } from './incident.js';
import type { IncidentService } from './incident-service.js';
import type { AckStore, Broadcast, IncidentStore } from './incident-store.js';
import { noticeReportCsv, type NoticeReportDeps } from './notice-report.js';
import type { Pacer } from './pacer.js';
import { sendReminders, unacknowledged, type ReminderDeps } from './reminder.js';
import { sendReport, type ReportSender } from '../../shared/send-report.js';
import { startReport } from './start-report.js';
import type { AudienceResolver } from './audience-resolver.js';
import { audienceOf } from './read-audience.js';
import { deskCard } from './desk-card.js';
import { isNoticeChanged, staleFor, versionOf } from './notice-version.js';

const T: Record<string, Text> = {
  published: { et: 'Avaldatud: teade {id} läks saatmisele. Edenemist näitan siin eraldi sõnumis.', en: 'Published: notice {id} is being sent. I show the progress here in a separate message.' },
  already: { et: 'See teade on juba avaldatud ({name}); teist korda ma seda ei saada.', en: 'This notice has already been published ({name}); I will not send it twice.' },
  auto: { et: 'reegli alusel automaatselt', en: 'automatically, under the rule' },
  withdrawn: { et: 'Häire on juba lõppenud ja mustand võeti tagasi, seega ma seda ei avaldanud.', en: 'The alert has already resolved and the draft was withdrawn, so I did not publish it.' },
  remindButton: { et: 'Saada meeldetuletus neile, kes pole kinnitanud', en: 'Remind those who have not acknowledged' },
  reminding: { et: 'Saadan meeldetuletuse {people} inimesele, kes pole veel „Sain aru“ vajutanud.', en: 'Sending a reminder to {people} people who have not pressed "Got it" yet.' },
  reminded: { et: 'Meeldetuletus on juba saadetud ({time}, {name}); teist ma ei saada.', en: 'The reminder was already sent ({time}, {name}); I will not send another.' },
  nobody: { et: 'Kõik, kelleni teade jõudis, on selle juba kinnitanud; meeldetuletust pole vaja.', en: 'Everyone the notice reached has acknowledged it; no reminder is needed.' },
  report: { et: 'Teate {id} edastamise aruanne: {rows} rida. Fail tuleb sulle isiklikku vestlusesse.', en: 'Delivery report of notice {id}: {rows} rows. The file comes to your personal chat.' },
  reportFile: { et: 'Teate {id} edastamise aruanne (CSV)', en: 'Delivery report of notice {id} (CSV)' },
  audienceChanged: { et: 'Sihtrühm muutus, seega ma teadet veel ei avaldanud. Vaata kaardilt üle, kelleni see jõuab, ja vajuta uuesti „Avalda“.', en: 'The audience changed, so I have not published the notice yet. Check on the card who it reaches and press "Publish" again.' },
};

const ACK_NOT_YOURS = new DomainError('INCIDENT_ACK_NOT_YOURS', {
  et: 'See nupp on mõeldud teisele inimesele, seega ma sinu vajutust ei arvestanud.',
  en: 'This button was meant for someone else, so I did not count your click.',
});
const REMIND_NOT_CRITICAL = new DomainError('INCIDENT_REMIND_NOT_CRITICAL', {
  et: 'Meeldetuletuse saab saata ainult kriitilise ja veel lahendamata rikke teate kohta.',
  en: 'A reminder can only be sent for a critical incident that is not resolved yet.',
});

export interface DeskHandlerDeps {
  router: Router;
  service: IncidentService;
  incidents: IncidentStore;
  acks: AckStore;
  signer: CardSigner;
  clock: Clock;
  /** The app's one lock: a reminder is decided one click at a time. */
  locks: KeyedLock;
  messenger: Messenger;
  pacer: Pacer;
  logger: Logger;
  report: Omit<NoticeReportDeps, 'incidents' | 'acks'>;
  /** Sends a report as a file with Teams' consent card (to the asker personally when asked in a channel). */
  reportSender: ReportSender;
  reminders: ReminderDeps;
  /** An acknowledgement arrived: the progress report is redrawn within a few seconds. */
  acknowledged: () => void;
  /** Monitoring's drafts may be targeted by department, job title or group (issue 12). */
  audiences: AudienceResolver;
}

const SPECIALIST = { audience: 'specialist' as const };
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const textsOf = (action: CardAction) => ({ title: text(action.data.title), description: text(action.data.description), titleEn: text(action.data.titleEn), descriptionEn: text(action.data.descriptionEn) });

/** The reminder button under a critical notice's progress report, until the one reminder is sent. */
export function reminderButtons(signer: CardSigner) {
  return (incident: Incident, broadcast: Readonly<Broadcast>, lang: Lang): Element[] =>
    incident.severity === 'critical' && incident.status !== 'resolved' && isPublished(incident) && !broadcast.reminder
      ? [submitButton(say(T.remindButton, lang), signer.sign('incidents.remind', { id: incident.id }))]
      : [];
}

/** The desk publishes monitoring's drafts, reminds, and asks for delivery reports; people acknowledge. */
export function registerDeskHandlers(deps: DeskHandlerDeps): void {
  const { router, service } = deps;

  /** Keeps the audience typed on a draft's card and redraws the card with who it reaches, the texts as typed. */
  async function showAudience(action: CardAction, tools: TurnTools): Promise<Incident | undefined> {
    const { audience } = await audienceOf(action.data, action.lang, deps.audiences);
    const incident = await service.setDraftAudience(String(action.data.id ?? ''), audience);
    if (incident.stage !== 'draft') return undefined;
    const typed = { ...incident, ...textsOf(action) };
    await tools.replaceCard(deskCard({ ...typed, title: typed.title ?? incident.title, description: typed.description ?? incident.description }, await service.deskReach(incident), deps.signer, action.lang));
    return incident;
  }

  /** A card made from an older draft than monitoring's latest: say so, and the card shows the current draft instead. */
  async function refuseStale(action: CardAction, tools: TurnTools, error: unknown): Promise<undefined> {
    if (!isNoticeChanged(error)) throw error;
    const current = await service.find(String(action.data.id ?? ''));
    await tools.reply(say(error.userText, action.lang, error.vars));
    if (current.stage === 'draft') await tools.replaceCard(deskCard(current, await service.deskReach(current), deps.signer, action.lang));
    return undefined;
  }

  /** The draft moved on since the card was drawn: its texts, kept on a redrawn card or published, would hide the newer ones. */
  async function refusedStale(action: CardAction, tools: TurnTools, draft: Incident | undefined): Promise<boolean> {
    const stale = draft?.stage === 'draft' ? staleFor(draft, { id: draft.id, version: versionOf(action.data) }) : undefined;
    if (!stale) return false;
    await refuseStale(action, tools, stale);
    return true;
  }

  router.action('incidents.audience', async (action, tools) => {
    if (await refusedStale(action, tools, await deps.incidents.getLive(String(action.data.id ?? '')))) return;
    await showAudience(action, tools);
  }, SPECIALIST);

  router.action('incidents.publish', async (action, tools) => {
    const by = { source: 'teams' as const, aadObjectId: action.from.aadObjectId, name: action.from.name };
    const texts = textsOf(action);
    const draft = await deps.incidents.getLive(String(action.data.id ?? ''));
    if (await refusedStale(action, tools, draft)) return;
    const { audience } = await audienceOf(action.data, action.lang, deps.audiences);
    // The desk sees who a notice reaches before it goes: a changed audience is shown first, not published.
    if (draft?.stage === 'draft' && JSON.stringify(audience ?? null) !== JSON.stringify(draft.audience ?? null)) {
      if (await showAudience(action, tools)) return void (await tools.reply(say(T.audienceChanged, action.lang)));
    }
    // Checked again under intake's lock: monitoring may change the draft between the read above and the publish.
    const published = await service.publishDraft(String(action.data.id ?? ''), texts, by, audience, versionOf(action.data)).catch((error: unknown) => refuseStale(action, tools, error));
    if (!published) return;
    const { outcome, incident } = published;
    if (outcome === 'withdrawn') return void (await tools.reply(say(T.withdrawn, action.lang)));
    if (outcome === 'already') {
      const name = incident.publishedBy?.auto ? say(T.auto, action.lang) : plainText(incident.publishedBy?.name ?? '-');
      return void (await tools.reply(say(T.already, action.lang, { name })));
    }
    await tools.reply(say(T.published, action.lang, { id: incident.id }));
    await startReport(deps, incident, action.address, action.lang);
  }, SPECIALIST);

  router.action(ACK_VERB, async (action, tools) => acknowledge(deps, action, tools));

  router.action('incidents.remind', async (action, tools) => {
    const incident = await service.find(String(action.data.id ?? ''));
    // Decided one click at a time per incident, and recorded compare-and-set on the audience's
    // revision: a second click at the same moment, on this replica or another, finds the first's record.
    const decided = await deps.locks.run(`incidents:remind:${incident.id}`, async () => {
      for (;;) {
        const broadcast = await deps.incidents.broadcast(incident.id);
        if (incident.severity !== 'critical' || incident.status === 'resolved' || !isPublished(incident) || !broadcast) throw REMIND_NOT_CRITICAL;
        if (broadcast.reminder) return { earlier: broadcast.reminder, targets: [] };
        const targets = await unacknowledged(deps.reminders, incident, broadcast);
        if (targets.length === 0) return { earlier: undefined, targets };
        const reminder = { at: deps.clock.now().toISOString(), by: action.from.name, people: targets.length };
        if (await deps.incidents.saveBroadcastIf({ ...broadcast, reminder }, broadcast.revision ?? 0)) return { earlier: undefined, targets };
      }
    });
    const { earlier, targets } = decided;
    if (earlier) return void (await tools.reply(say(T.reminded, action.lang, { time: showTime(earlier.at) ?? '', name: plainText(earlier.by ?? '-') })));
    if (targets.length === 0) return void (await tools.reply(say(T.nobody, action.lang)));
    await tools.reply(say(T.reminding, action.lang, { people: targets.length }));
    deps.acknowledged();
    void sendReminders(deps.reminders, incident, targets);
  }, SPECIALIST);

  router.command(
    { key: 'incidents.report', names: { et: ['teate aruanne'], en: ['notice report'] }, help: { et: 'teate edastamise aruanne (CSV): kes sai, millal, kes kinnitas, kellele ei jõudnud ja miks, nt „teate aruanne RIKE-20261126-3F9A“', en: 'a notice\'s delivery report (CSV): who got it, when, who acknowledged, who it failed for and why, e.g. "notice report RIKE-20261126-3F9A"' }, audience: 'specialist', scopes: ['personal', 'channel'], takesArgument: true },
    async (message, tools, argument) => {
      const incident = await service.find(argument.trim().toUpperCase());
      const { csv, rows } = await noticeReportCsv({ ...deps.report, incidents: deps.incidents, acks: deps.acks }, incident, message.lang);
      const file = { name: `teade-${incident.id}.csv`, content: csv, description: say(T.reportFile, message.lang, { id: incident.id }), contentType: 'text/csv' };
      await sendReport(deps.reportSender, message, tools, say(T.report, message.lang, { id: incident.id, rows }), file);
    },
  );
}

/** "Got it": counted once per person, only from the person the button was sent to; the card shows it. */
async function acknowledge(deps: DeskHandlerDeps, action: CardAction, tools: TurnTools): Promise<void> {
  const to = text(action.data.to)?.toLowerCase();
  const me = action.from.aadObjectId?.toLowerCase();
  if (!to || !me || to !== me) throw ACK_NOT_YOURS;
  const incident = await deps.service.find(String(action.data.id ?? ''));
  const fresh = await deps.acks.add({ id: '', incidentId: incident.id, aadObjectId: me, at: deps.clock.now().toISOString() });
  await tools.replaceCard(personalNotice(incident, action.lang, me, await deps.acks.get(incident.id, me), deps.signer));
  if (fresh) deps.acknowledged();
}
