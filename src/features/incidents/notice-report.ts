import { say, type Lang, type Text } from '../../shared/i18n.js';
import { showTime } from '../../shared/tallinn-time.js';
import { toCsv, type CsvCell } from '../../shared/to-csv.js';
import type { DeliveryOutcome } from './delivery-record.js';
import { recordOf } from './delivery-record.js';
import type { Incident } from './incident.js';
import { deliveryId, type AckStore, type DeliveryStore, type IncidentStore } from './incident-store.js';

export interface NoticeReportDeps {
  incidents: IncidentStore;
  deliveries: DeliveryStore;
  acks: AckStore;
  department: (aadObjectId: string) => Promise<string>;
  now: () => Date;
}

const OUTCOME: Record<DeliveryOutcome['outcome'], Text> = {
  delivered: { et: 'kohale jõudnud', en: 'delivered' },
  failed: { et: 'ebaõnnestunud', en: 'failed' },
  dropped: { et: 'vestlus suletud', en: 'conversation closed' },
  pending: { et: 'ootel', en: 'waiting' },
};

const HEADER = ['kind', 'person_id', 'person', 'department', 'conversation', 'outcome', 'last_delivery_at', 'acknowledged_at', 'failure'];

/** What became of each conversation: from the live outbox, or from the archived record once the incident is archived. */
async function outcomesOf(deps: NoticeReportDeps, incident: Incident): Promise<DeliveryOutcome[]> {
  const broadcast = await deps.incidents.broadcast(incident.id);
  if (broadcast) {
    const live = new Map((await deps.deliveries.liveFor(incident.id)).map((entry) => [entry.id, entry]));
    const entries = broadcast.targets.map((target) => live.get(deliveryId(incident.id, target.key))).filter((entry) => entry !== undefined);
    return recordOf(incident, broadcast, entries, deps.now()).targets;
  }
  return (await deps.deliveries.getRecord(incident.id))?.targets ?? [];
}

/**
 * The delivery report of a notice as CSV (formula cells escaped by `toCsv`): one row per
 * conversation with who it was, their department, what became of it and when, when they
 * acknowledged it, and why it failed. Times in Tallinn time.
 */
export async function noticeReportCsv(deps: NoticeReportDeps, incident: Incident, lang: Lang): Promise<{ csv: string; rows: number }> {
  const acks = await deps.acks.forIncident(incident.id);
  const rows: CsvCell[][] = [];
  for (const outcome of await outcomesOf(deps, incident)) {
    const aad = outcome.personId?.toLowerCase();
    rows.push([
      outcome.kind,
      aad,
      outcome.name,
      aad ? await deps.department(aad) : undefined,
      outcome.conversationId,
      say(OUTCOME[outcome.outcome], lang),
      outcome.outcome === 'delivered' ? showTime(outcome.at) : undefined,
      aad ? showTime(acks.get(aad)?.at) : undefined,
      outcome.failure,
    ]);
  }
  return { csv: toCsv(HEADER, rows), rows: rows.length };
}
