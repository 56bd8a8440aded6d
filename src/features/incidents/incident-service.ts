import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Clock } from '../../shared/clock.js';
import type { ConversationStore } from '../../shared/conversations.js';
import type { KeyedLock } from '../../shared/keyed-lock.js';
import { DomainError } from '../../shared/errors.js';
import { langOf, type Lang } from '../../shared/i18n.js';
import type { Logger } from '../../shared/logger.js';
import { followedSystemsOf, isPublished, openIncident, reviseIncident, type AlertDetails, type Incident, type IncidentActor, type IncidentContent } from './incident.js';
import { alertChanged, webhookDetails } from './alert-details.js';
import { bumpIncident, decideMonitoring, type Reach } from './monitoring-intake.js';
import { contentOfInput, type IncidentInput } from './incident-input.js';
import { IncidentRefTaken } from './incident-conflict.js';
import type { BroadcastReport, IncidentStore, IntakeReceipt, ReceiptStore, SubscriptionStore, DeliveryTarget } from './incident-store.js';
import { countAudience, widenAudience } from './plan-audience.js';
import { tallinnDay } from '../../shared/tallinn-time.js';
import type { NoticeAudience } from './audience.js';
import type { AudienceResolver } from './audience-resolver.js';
import { planTargets, type AudiencePlan } from './plan-targets.js';
import type { InstallMode } from './app-installs.js';
import type { InstallVia } from './install-store.js';
import { updateBroadcast } from './update-broadcast.js';
import { checkBuiltFrom } from './notice-version.js';

export const IDEMPOTENCY_CONFLICT = new DomainError('INCIDENT_IDEMPOTENCY_CONFLICT', {
  et: 'Sama võtmega saadeti varem teistsugune teade.',
  en: 'A different notice was sent earlier with the same key.',
});

export const INCIDENT_NOT_FOUND = new DomainError('INCIDENT_NOT_FOUND', {
  et: 'Sellist riket ma ei leia. Vaata käsuga „rikked“, millised on praegu avatud.',
  en: 'I cannot find that incident. Type "incidents" to see the open ones.',
});

export type IntakeOutcome = 'created' | 'updated' | 'unchanged' | 'replayed' | 'ignored';

export interface IntakeAnswer {
  id: string;
  ref: string;
  status: string;
}

export interface IntakeResult {
  outcome: IntakeOutcome;
  answer: IntakeAnswer;
  incident?: Incident;
  /** For a replay: who sent (or cancelled, `answer.status === 'cancelled'`) it first. */
  decidedBy?: string;
}

/** A preview's receipt once "Cancel" was pressed: a later "Confirm" is answered with it. */
export const CANCELLED = 'cancelled';

export interface IntakeOptions {
  by: IntakeActorLike;
  idempotencyKey?: string;
  bodyHash?: string;
  /** Monitoring's "still firing" keeps the status a specialist set (identified, monitoring). */
  keepStatus?: boolean;
  /** Only update or resolve an open incident; never open one (Alertmanager's `resolved`). */
  onlyExisting?: boolean;
  /** The author's progress message for this version. */
  report?: Omit<BroadcastReport, 'version'>;
  /** Monitoring's alert as received (Alertmanager's labels and hosts); built from the input when absent. */
  alert?: AlertDetails;
  /** A specialist's update: the incident version its form was built from, checked under the lock (notice-version.ts). */
  builtFrom?: { id: string; version: number | undefined };
}

export const NOTICE_TEXT_MISSING = new DomainError('NOTICE_TEXT_MISSING', {
  et: 'Teatel peab olema pealkiri (kuni 200 märki) ja kirjeldus (kuni 4000 märki) eesti keeles.',
  en: 'The notice needs a title (up to 200 characters) and a description (up to 4,000 characters) in Estonian.',
});

/** The texts a specialist may change on a draft before publishing it. */
export interface NoticeTexts {
  title?: string;
  description?: string;
  titleEn?: string;
  descriptionEn?: string;
}

export type PublishOutcome = 'published' | 'already' | 'withdrawn';

type IntakeActorLike = IncidentActor;

export interface ServiceDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: IncidentStore;
  receipts: ReceiptStore;
  subscriptions: SubscriptionStore;
  conversations: ConversationStore;
  /** Tells the delivery worker there is something to send. */
  wake: () => void;
  locks: KeyedLock;
  /** Targeting by department, job title and group (issue 12); without it, notices cannot be targeted. */
  audiences?: AudienceResolver;
  /** Proactive installs for people in a targeted audience who have no chat with the bot. */
  installs?: { mode(): InstallMode; request(incidentId: string, people: readonly string[], via?: InstallVia): Promise<void> };
}

/** What a preview says about the audience: its size, and who it cannot reach or the bot will install itself for. */
export interface ReachPreview {
  channels: number;
  people: number;
  total: number;
  selected?: number;
  unreached: number;
  install: InstallMode;
}

/** Loads, decides (pure rules in incident.ts), saves, then hands the notice to the outbox. */
export class IncidentService {
  constructor(private readonly deps: ServiceDeps) {}

  get defaultLang(): Lang {
    return langOf(this.deps.config.defaultLocale);
  }

  /** Takes an incident from monitoring or a specialist; one at a time, so a key is answered once. */
  intake(input: IncidentInput, options: IntakeOptions): Promise<IntakeResult> {
    return this.deps.locks.run('incidents:intake', async () => {
      try {
        return await this.intakeNow(input, options);
      } catch (error) {
        if (!(error instanceof IncidentRefTaken)) throw error;
        // Another replica opened an incident for this ref at the same moment: read again, and update that one.
        this.deps.logger.info({ ref: error.ref }, 'another replica opened this ref at the same moment; updating its incident');
        return this.intakeNow(input, options);
      }
    });
  }

  /**
   * "Cancel" on a preview: under the same lock as "Confirm", so the two buttons decide once. Returns
   * the earlier decision's receipt, or records the cancellation and returns undefined.
   */
  cancelDraft(idempotencyKey: string, by: string): Promise<IntakeReceipt | undefined> {
    return this.deps.locks.run('incidents:intake', async () => {
      const receipt = await this.deps.receipts.get(idempotencyKey);
      if (receipt) return receipt;
      const answer = { id: '', ref: '', status: CANCELLED };
      await this.deps.receipts.put({ id: idempotencyKey, bodyHash: CANCELLED, answer, at: this.deps.clock.now().toISOString(), by });
      return undefined;
    });
  }

  private async intakeNow(input: IncidentInput, options: IntakeOptions): Promise<IntakeResult> {
    if (options.idempotencyKey) {
      const receipt = await this.deps.receipts.get(options.idempotencyKey);
      if (receipt?.answer.status === CANCELLED) return { outcome: 'replayed', answer: receipt.answer, decidedBy: receipt.by };
      if (receipt && receipt.bodyHash !== options.bodyHash) throw IDEMPOTENCY_CONFLICT;
      if (receipt) return { outcome: 'replayed', answer: receipt.answer, decidedBy: receipt.by };
    }
    const result = await this.apply(input, options);
    if (options.idempotencyKey && result.outcome !== 'ignored') {
      await this.deps.receipts.put({ id: options.idempotencyKey, bodyHash: options.bodyHash ?? '', answer: result.answer, at: this.deps.clock.now().toISOString(), by: options.by.name });
    }
    return result;
  }

  private async apply(input: IncidentInput, options: IntakeOptions): Promise<IntakeResult> {
    if (options.by.source !== 'teams') return this.applyMonitoring(input, options);
    // Whatever changed the incident since the form was read (another specialist, monitoring) stays.
    if (options.builtFrom) checkBuiltFrom(await this.deps.store.getLive(options.builtFrom.id), options.builtFrom);
    const now = this.deps.clock.now();
    const existing = input.ref ? await this.deps.store.findByRef(input.ref) : undefined;
    const reopening = existing?.status === 'resolved' && input.status !== 'resolved';
    let content: IncidentContent = contentOfInput(input);
    if (!existing && !options.onlyExisting) {
      const archived = await this.archivedResolution(input);
      if (archived) return { outcome: 'unchanged', answer: answerOf(archived), incident: archived };
    }
    if (!existing || reopening) {
      if (options.onlyExisting) return { outcome: 'ignored', answer: { id: '', ref: input.ref ?? '', status: input.status } };
      const incident = openIncident(content, { id: newIncidentId(now), ref: input.ref, now, by: options.by });
      await this.publish(incident, options.report);
      this.deps.logger.info({ incidentId: incident.id, source: options.by.source, severity: incident.severity }, 'incident opened');
      return { outcome: 'created', answer: answerOf(incident), incident };
    }
    if (options.keepStatus && content.status !== 'resolved') content = { ...content, status: existing.status };
    const revised = reviseIncident(existing, content, now, options.by);
    if (!revised.changed) return { outcome: 'unchanged', answer: answerOf(revised.incident), incident: revised.incident };
    // A specialist's update of a draft publishes it with their text.
    const incident = isPublished(existing) ? revised.incident : { ...revised.incident, stage: 'published' as const, publishedBy: { at: now.toISOString(), name: options.by.name, aadObjectId: options.by.aadObjectId } };
    await this.publish(incident, options.report);
    this.deps.logger.info({ incidentId: incident.id, version: incident.version, status: incident.status, source: options.by.source }, 'incident updated');
    return { outcome: 'updated', answer: answerOf(incident), incident };
  }

  /** Monitoring's alerts: drafts for the desk, published only by a specialist or an operator's rule (monitoring-intake.ts). */
  private async applyMonitoring(input: IncidentInput, options: IntakeOptions): Promise<IntakeResult> {
    const now = this.deps.clock.now();
    const existing = input.ref ? await this.deps.store.findByRef(input.ref) : undefined;
    if (!existing && !options.onlyExisting) {
      const archived = await this.archivedResolution(input);
      if (archived) return { outcome: 'unchanged', answer: answerOf(archived), incident: archived };
    }
    const current = existing && !(existing.status === 'resolved' && input.status !== 'resolved') ? existing : undefined;
    if (existing && existing.status === 'resolved' && input.status === 'resolved') return { outcome: 'unchanged', answer: answerOf(existing), incident: existing };
    // Nothing to resolve, or an alert that starts resolved: nobody needs to hear of it.
    if (!current && (options.onlyExisting || input.status === 'resolved')) return { outcome: 'ignored', answer: { id: '', ref: input.ref ?? '', status: input.status } };
    const alert = options.alert ?? webhookDetails(input, now);
    const decision = decideMonitoring(current, input, { alert, keepStatus: options.keepStatus, rules: this.deps.config.noticeAutoPublish, now, by: options.by, newId: () => newIncidentId(now) });
    const { incident } = decision;
    if (decision.outcome === 'unchanged') {
      if (current && alertChanged(current.alert, alert)) await this.deps.store.save(incident);
      return { outcome: 'unchanged', answer: answerOf(incident), incident };
    }
    await this.publish(incident, options.report, decision.reach);
    this.deps.logger.info({ incidentId: incident.id, version: incident.version, stage: incident.stage, status: incident.status, source: options.by.source, severity: incident.severity }, `monitoring's incident ${decision.outcome}`);
    return { outcome: decision.outcome, answer: answerOf(incident), incident };
  }

  /**
   * A specialist publishes monitoring's draft with one click, with the texts as they left them on
   * the desk's card; one at a time with intake, so two clicks publish once. Refused when monitoring
   * changed the draft after the card's `version`: its texts would overwrite the newer ones.
   */
  publishDraft(id: string, texts: NoticeTexts, by: IncidentActor, audience: NoticeAudience | undefined, version: number | undefined): Promise<{ outcome: PublishOutcome; incident: Incident }> {
    return this.deps.locks.run('incidents:intake', async () => {
      const incident = await this.deps.store.getLive(id);
      if (!incident) throw INCIDENT_NOT_FOUND;
      if (incident.stage === 'withdrawn' || incident.status === 'resolved') return { outcome: 'withdrawn' as const, incident };
      if (isPublished(incident)) return { outcome: 'already' as const, incident };
      // The card's texts were made from monitoring's draft of `version`: a newer draft is shown, not overwritten.
      checkBuiltFrom(incident, { id, version });
      const clean = (value: string | undefined, max: number) => (value?.trim() && value.trim().length <= max ? value.trim() : undefined);
      const title = clean(texts.title, 200);
      const description = clean(texts.description, 4000);
      if (!title || !description) throw NOTICE_TEXT_MISSING;
      const now = this.deps.clock.now();
      const next = bumpIncident(incident, {
        title, description, titleEn: clean(texts.titleEn, 200), descriptionEn: clean(texts.descriptionEn, 4000),
        stage: 'published', publishedBy: { at: now.toISOString(), name: by.name, aadObjectId: by.aadObjectId }, audience,
      }, now, by);
      await this.publish(next, undefined, 'everyone');
      this.deps.logger.info({ incidentId: id, version: next.version }, 'draft published by a specialist');
      return { outcome: 'published' as const, incident: next };
    });
  }

  /** The desk chose an audience for monitoring's draft: kept with the draft (no new version), shown before it is published. */
  setDraftAudience(id: string, audience: NoticeAudience | undefined): Promise<Incident> {
    return this.deps.locks.run('incidents:intake', async () => {
      const incident = await this.deps.store.getLive(id);
      if (!incident) throw INCIDENT_NOT_FOUND;
      if (incident.stage !== 'draft') return incident;
      const next: Incident = { ...incident, audience };
      if (!audience) delete next.audience;
      await this.deps.store.save(next);
      return next;
    });
  }

  /** The desk card's figures; when the directory cannot answer, the audience without targeting, so the card still shows. */
  async deskReach(incident: Incident): Promise<ReachPreview> {
    try {
      return await this.reachPreview(incident.systems, incident.audience, incident.id);
    } catch (error) {
      this.deps.logger.warn({ err: error, incidentId: incident.id }, 'cannot resolve the draft\'s audience; showing the size without it');
      return { ...(await this.audienceCount(incident.systems, incident.id)), unreached: 0, install: this.deps.installs?.mode() ?? 'off' };
    }
  }

  /**
   * A repeat of "resolved" for an incident already archived is answered from the archive, so that
   * nobody is told twice; any other update for that ref opens a new incident, as after a resolution.
   */
  private async archivedResolution(input: IncidentInput): Promise<Incident | undefined> {
    if (!input.ref || input.status !== 'resolved') return undefined;
    const archived = await this.deps.store.findArchivedByRef(input.ref);
    return archived?.status === 'resolved' ? archived : undefined;
  }

  /** Saves the audience first, then the incident: a crash in between leaves nothing due, not half of it. */
  private async publish(incident: Incident, report?: Omit<BroadcastReport, 'version'>, reach: Reach = 'everyone'): Promise<void> {
    const plan = await this.plan(incident.systems, reach === 'everyone' ? incident.audience : undefined);
    const planned = reach === 'everyone' ? plan.targets : plan.targets.filter((target) => target.specialists);
    const reachFigures = plan.selected !== undefined ? { reach: { selected: plan.selected, unreached: plan.unreached.length } } : {};
    await updateBroadcast(this.deps.store, incident.id, (current) => ({
      ...current, id: incident.id, targets: widenAudience(current?.targets ?? [], planned).targets,
      report: report ? { ...report, version: incident.version } : current?.report, ...reachFigures,
    }));
    await this.deps.store.save(incident);
    const installs = this.deps.installs;
    if (plan.unreached.length > 0 && installs && installs.mode() !== 'off' && incident.status !== 'resolved') await installs.request(incident.id, plan.unreached, plan.via);
    this.deps.wake();
  }

  /** The bot was installed for some of these notices' people: their new chats join the audiences. */
  refreshAudiences(incidentIds: readonly string[]): Promise<void> {
    return this.deps.locks.run('incidents:intake', async () => {
      for (const id of incidentIds) {
        const incident = await this.deps.store.getLive(id);
        if (!incident || !isPublished(incident) || incident.status === 'resolved') continue;
        const planned = (await this.plan(incident.systems, incident.audience)).targets;
        await updateBroadcast(this.deps.store, id, (current) => {
          const widened = current && widenAudience(current.targets, planned);
          return widened && widened.added > 0 ? { ...current, targets: widened.targets } : undefined;
        });
      }
      this.deps.wake();
    });
  }

  /** Points the author's progress message at the incident's current version. */
  async attachReport(incidentId: string, report: BroadcastReport): Promise<void> {
    if (!(await updateBroadcast(this.deps.store, incidentId, (broadcast) => broadcast && { ...broadcast, report }))) return;
    this.deps.wake();
  }

  /** How many conversations a notice reaches: the audience now, plus everyone an earlier version reached. */
  async audienceCount(systems: readonly string[], incidentId?: string): Promise<{ channels: number; people: number; total: number }> {
    const current = incidentId ? (await this.deps.store.broadcast(incidentId))?.targets ?? [] : [];
    return countAudience(widenAudience(current, await this.audienceFor(systems)).targets);
  }

  /** Who a notice about `systems` (and for `audience`, when targeted) goes to now. */
  async audienceFor(systems: readonly string[], audience?: NoticeAudience): Promise<DeliveryTarget[]> {
    return (await this.plan(systems, audience)).targets;
  }

  /** The preview's figures: the audience now plus everyone an earlier version reached, and who it cannot reach. */
  async reachPreview(systems: readonly string[], audience: NoticeAudience | undefined, incidentId?: string): Promise<ReachPreview> {
    const current = incidentId ? (await this.deps.store.broadcast(incidentId))?.targets ?? [] : [];
    const plan = await this.plan(systems, audience);
    const counts = countAudience(widenAudience(current, plan.targets).targets);
    return { ...counts, selected: plan.selected, unreached: plan.unreached.length, install: this.deps.installs?.mode() ?? 'off' };
  }

  private plan(systems: readonly string[], audience?: NoticeAudience): Promise<AudiencePlan> {
    return planTargets(this.deps, this.defaultLang, systems, audience);
  }

  async find(id: string): Promise<Incident> {
    const incident = (await this.deps.store.getLive(id)) ?? (await this.deps.store.get(id));
    if (!incident) throw INCIDENT_NOT_FOUND;
    return incident;
  }

  /**
   * Planned maintenance is listed on its own (MaintenancePlanner.upcoming).
   * Open incidents first, then resolved ones not archived yet (about an hour after resolution, see
   * archive-due.ts; at most a day); newest first.
   */
  async current(): Promise<Incident[]> {
    const dayAgo = this.deps.clock.now().getTime() - 24 * 3600_000;
    return (await this.deps.store.live())
      .filter((incident) => isPublished(incident) && incident.kind !== 'maintenance')
      .filter((incident) => incident.status !== 'resolved' || Date.parse(incident.resolvedAt ?? incident.updatedAt) >= dayAgo)
      .sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || b.updatedAt.localeCompare(a.updatedAt));
  }

  /** Open incidents touching any of `systems` (all when empty). */
  async openFor(systems: readonly string[]): Promise<Incident[]> {
    const wanted = followedSystemsOf(systems);
    const exact = new Set(systems.map((system) => system.toUpperCase()));
    return (await this.current()).filter((incident) => incident.status !== 'resolved' && (systems.length === 0
      || incident.systems.some((system) => exact.has(system.toUpperCase()))
      || followedSystemsOf(incident.systems).some((system) => wanted.includes(system))));
  }
}

const answerOf = (incident: Incident): IntakeAnswer => ({ id: incident.id, ref: incident.ref, status: incident.status });

/** `RIKE-20261126-3F9A`: the day it opened (in Tallinn) and a random part people can read out (`HOOLDUS-…` for maintenance). */
export function newIncidentId(now: Date, prefix = 'RIKE'): string {
  return `${prefix}-${tallinnDay(now).replace(/-/g, '')}-${randomBytes(2).toString('hex').toUpperCase()}`;
}
