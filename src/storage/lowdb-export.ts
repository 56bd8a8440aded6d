import type { Proposal } from '../features/knowledge/index.js';
import { ArchiveBatches } from './archive-batches.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';
import type { ExportLine, SectionCounts } from './export-format.js';
import { asRecord, countLine } from './export-format.js';
import { ACCESS_COLLECTIONS, ACCESS_STATE, type StateFile } from './lowdb-access-stores.js';
import { FEEDBACK_DOC, FEEDBACK_EVENTS, type FeedbackEvent, type FeedbackFile } from './lowdb-feedback-store.js';
import { exportLowdbCore, isCoreLine, lowdbCoreImport } from './lowdb-export-core.js';
import { exportLowdbIncidents, isIncidentLine, lowdbIncidentImport } from './lowdb-export-incidents.js';
import { PROPOSALS_DOC, type ProposalFile } from './lowdb-proposal-store.js';

type Record_ = { id: string };
const RECORD_SECTIONS = [
  ['access-requests', ACCESS_COLLECTIONS.requests],
  ['access-tasks', ACCESS_COLLECTIONS.tasks],
  ['access-grants', ACCESS_COLLECTIONS.grants],
  ['access-substitutions', ACCESS_COLLECTIONS.substitutions],
] as const;

const openDocs = async (dataDir: DataDir) => ({
  state: await dataDir.doc<StateFile>(ACCESS_STATE, { counters: {} }),
  feedback: await dataDir.doc<FeedbackFile>(FEEDBACK_DOC, { version: 1, articles: {}, unanswered: {} }),
  proposals: await dataDir.doc<ProposalFile>(PROPOSALS_DOC, { version: 1, proposals: {} }),
});

/** Every record in a lowdb data folder, live and archived, history in the order written. */
export async function* exportLowdb(dataDir: DataDir): AsyncGenerator<ExportLine> {
  for (const [section, { name, options }] of RECORD_SECTIONS) {
    const collection = await dataDir.collection<Record_>(name, options);
    for (const record of collection.liveRecords()) yield { section, finished: false, record };
    for await (const record of collection.archived()) yield { section, finished: true, record };
  }
  const audit = await dataDir.collection<Record_>(ACCESS_COLLECTIONS.audit.name, ACCESS_COLLECTIONS.audit.options);
  for await (const record of audit.archived()) yield { section: 'access-audit', record };
  const docs = await openDocs(dataDir);
  for (const [key, last] of Object.entries(docs.state.data.counters)) {
    const [series, year] = key.split('-');
    yield { section: 'access-counters', series: series as 'LIG' | 'ASE', year: Number(year), last };
  }
  yield { section: 'access-state', lastScanOn: docs.state.data.lastScanOn, lastDigestOn: docs.state.data.lastDigestOn };
  for (const [articleId, counts] of Object.entries(docs.feedback.data.articles)) yield { section: 'knowledge-feedback', articleId, ...counts };
  for (const [key, entry] of Object.entries(docs.feedback.data.unanswered)) yield { section: 'knowledge-unanswered', key, ...entry };
  const events = await dataDir.collection<FeedbackEvent>(FEEDBACK_EVENTS);
  for await (const record of events.archived()) yield { section: 'knowledge-feedback-events', record: asRecord(record) };
  for (const record of Object.values(docs.proposals.data.proposals)) yield { section: 'knowledge-proposals', record: asRecord(record) };
  yield* exportLowdbCore(dataDir);
  yield* exportLowdbIncidents(dataDir);
}

async function isEmpty(collection: Collection<Record_>): Promise<boolean> {
  return collection.liveCount === 0 && collection.archivedCount === 0;
}

/**
 * Writes an export into a lowdb data folder that holds no data yet (refused otherwise, so nothing is
 * mixed; webhook signatures and the card-signing secret are replaced, as they protect nothing there
 * yet). Finished records go straight to the archive, as they were.
 */
export async function importLowdb(dataDir: DataDir, lines: AsyncIterable<ExportLine>): Promise<SectionCounts> {
  const collections = new Map<string, Collection<Record_>>();
  for (const [section, { name, options }] of [...RECORD_SECTIONS, ['access-audit', ACCESS_COLLECTIONS.audit] as const]) collections.set(section, await dataDir.collection<Record_>(name, options));
  const events = await dataDir.collection<Record_>(FEEDBACK_EVENTS);
  collections.set('knowledge-feedback-events', events);
  const docs = await openDocs(dataDir);
  const used = [...collections.values()];
  const docsEmpty = Object.keys(docs.state.data.counters).length === 0 && Object.keys(docs.feedback.data.articles).length === 0
    && Object.keys(docs.feedback.data.unanswered).length === 0 && Object.keys(docs.proposals.data.proposals).length === 0;
  const batches = new ArchiveBatches();
  const core = await lowdbCoreImport(dataDir, batches);
  const incidents = await lowdbIncidentImport(dataDir, batches);
  const held = !docsEmpty || !(await Promise.all(used.map(isEmpty))).every(Boolean) ? 'access or knowledge data'
    : (await core.held()) ?? (incidents.held() ? 'incidents' : undefined);
  if (held) throw new Error(`${dataDir.path} already holds ${held}: import into an empty data folder (DATA_DIR).`);
  const counts: SectionCounts = {};
  const state: StateFile = { counters: {} };
  const feedback: FeedbackFile = { version: 1, articles: {}, unanswered: {} };
  const proposals: Record<string, Proposal> = {};
  for await (const line of lines) {
    countLine(counts, line);
    if (isCoreLine(line) || isIncidentLine(line)) {
      await (isCoreLine(line) ? core.write(line) : incidents.write(line));
      continue;
    }
    switch (line.section) {
      case 'access-requests': case 'access-tasks': case 'access-grants': case 'access-substitutions': {
        const collection = collections.get(line.section) as Collection<Record_>;
        await (line.finished ? batches.add(collection, line.record) : collection.put(line.record));
        break;
      }
      case 'access-audit': case 'knowledge-feedback-events':
        await batches.add(collections.get(line.section) as Collection<Record_>, line.record);
        break;
      case 'access-counters': state.counters[`${line.series}-${line.year}`] = line.last; break;
      case 'access-state': state.lastScanOn = line.lastScanOn; state.lastDigestOn = line.lastDigestOn; break;
      case 'knowledge-feedback': feedback.articles[line.articleId] = { helpful: line.helpful, unhelpful: line.unhelpful, lastAt: line.lastAt }; break;
      case 'knowledge-unanswered': feedback.unanswered[line.key] = { question: line.question, count: line.count, firstAskedAt: line.firstAskedAt, lastAskedAt: line.lastAskedAt }; break;
      case 'knowledge-proposals': proposals[line.record.id] = line.record as unknown as Proposal; break;
    }
  }
  await batches.flush();
  await docs.state.update((data) => { Object.assign(data, state); });
  await docs.feedback.update((data) => { Object.assign(data, feedback); });
  await docs.proposals.update((data) => { data.proposals = proposals; });
  await core.finish();
  await incidents.finish();
  await dataDir.flush();
  return counts;
}
