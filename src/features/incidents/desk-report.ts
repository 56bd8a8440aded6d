import type { Lang } from '../../shared/i18n.js';
import type { ConversationAddress, Messenger } from '../../shared/messaging.js';
import type { DeliveryProgress } from './delivery-progress.js';
import { isPublished, type Incident } from './incident.js';
import { deliveryId, type BroadcastReport, type DeliveryStore, type DeskReport, type IncidentStore } from './incident-store.js';
import type { Pacer } from './pacer.js';
import { progressReport } from './report-card.js';

/** The specialists' channel as the bot knows it, and the language the desk reads. */
export interface DeskChannel {
  address: ConversationAddress;
  lang: Lang;
}

export interface DeskReportDeps {
  incidents: IncidentStore;
  deliveries: DeliveryStore;
  messenger: Messenger;
  pacer: Pacer;
}

/** The report was posted but Teams gave no message id, so it cannot be kept current; posting again would double it. */
export class UntrackedDeskReport extends Error {
  constructor() {
    super('Teams gave no message id for the desk report, so it cannot be kept current.');
    this.name = 'UntrackedDeskReport';
  }
}

/** A version monitoring published (webhook, Alertmanager) is reported to the desk, unless its report exists. */
export function wantsDeskReport(incident: Incident, report: BroadcastReport | undefined): boolean {
  const source = incident.history[incident.history.length - 1]?.by.source;
  return isPublished(incident) && source !== undefined && source !== 'teams' && report?.version !== incident.version;
}

/** Posts the first desk report: under the incident's notice in the channel when that thread is known, else as a new post. */
async function postDeskReport(deps: DeskReportDeps, channel: DeskChannel, incident: Incident, progress: DeliveryProgress): Promise<DeskReport> {
  const reply = progressReport(incident, progress, channel.lang);
  const channelKey = `channel:${channel.address.channelId ?? channel.address.conversationId}`;
  const notice = await deps.deliveries.get(deliveryId(incident.id, channelKey));
  if (notice?.messageId) {
    await deps.pacer.take(notice.address.conversationId);
    const sent = await deps.messenger.send(notice.address, reply);
    if (!sent.messageId) throw new UntrackedDeskReport();
    return { address: notice.address, messageId: sent.messageId, lang: channel.lang };
  }
  await deps.pacer.take(channel.address.channelId ?? channel.address.conversationId);
  const thread = await deps.messenger.postToChannel(channel.address, reply);
  return { address: thread.address, messageId: thread.messageId, lang: channel.lang };
}

/**
 * Points the incident's report at the desk's message for its current version: the message posted
 * for an earlier version is reused (one message per incident, edited in place), otherwise one is
 * posted, already showing `progress`. Returns the report and whether it was just posted; nothing
 * when the channel is not known.
 */
export async function openDeskReport(deps: DeskReportDeps, channel: DeskChannel | undefined, incident: Incident, progress: DeliveryProgress): Promise<{ report: BroadcastReport; posted: boolean } | undefined> {
  const existing = (await deps.incidents.broadcast(incident.id))?.desk;
  if (!existing && !channel) return undefined;
  const desk = existing ?? (await postDeskReport(deps, channel as DeskChannel, incident, progress));
  const report = { ...desk, version: incident.version };
  // Read again after the call: the audience may have been widened meanwhile,
  const latest = await deps.incidents.broadcast(incident.id);
  // and a specialist's newer version keeps its author's report.
  if (latest) await deps.incidents.saveBroadcast({ ...latest, desk, report: (latest.report?.version ?? 0) > report.version ? latest.report : report });
  return { report, posted: !existing };
}
