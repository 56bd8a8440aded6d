import type { Lang } from '../../shared/i18n.js';
import type { Logger } from '../../shared/logger.js';
import type { ConversationAddress, Messenger } from '../../shared/messaging.js';
import type { Incident } from './incident.js';
import type { IncidentService } from './incident-service.js';
import type { Pacer } from './pacer.js';
import { startingReport } from './report-card.js';

export interface ReportStarter {
  service: IncidentService;
  pacer: Pacer;
  messenger: Messenger;
  logger: Logger;
}

/** Posts the sender's progress message (author or publisher); the worker's reporter edits it as deliveries go out. */
export async function startReport(deps: ReportStarter, incident: Incident, address: ConversationAddress, lang: Lang): Promise<void> {
  try {
    const total = (await deps.service.audienceCount([], incident.id)).total;
    await deps.pacer.take(address.conversationId);
    const sent = await deps.messenger.send(address, startingReport(incident, total, lang));
    if (sent.messageId) await deps.service.attachReport(incident.id, { address, messageId: sent.messageId, lang, version: incident.version });
  } catch (error) {
    deps.logger.warn({ err: error, incidentId: incident.id }, 'could not post the progress report; the notice is sent anyway');
  }
}
