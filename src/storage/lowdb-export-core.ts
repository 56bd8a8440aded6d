import type { Case } from '../features/cases/index.js';
import type { ArchiveBatches } from './archive-batches.js';
import type { CardDecision } from '../shared/card-decisions.js';
import type { ConversationAddress } from '../shared/messaging.js';
import type { DataDir } from './data-dir.js';
import type { ExportLine } from './export-format.js';
import { asRecord } from './export-format.js';
import { CARD_DECISIONS_COLLECTION } from './lowdb-card-decisions.js';
import { CASE_COLLECTION, CASE_META, type CaseMeta } from './lowdb-case-store.js';
import { LowdbConversationStore } from './lowdb-conversation-store.js';
import { CREDENTIAL_DOC, type CredentialFile } from './lowdb-credential-store.js';
import { SEEN_SIGNATURES_DOC, type SeenFile } from './lowdb-seen-signatures.js';

/** The lines of the core stores: cases, conversations, card decisions, credential warnings, webhook signatures, the secret. */
export type CoreLine = Extract<ExportLine, { section: 'cases' | 'case-counters' | 'case-state' | 'conversations' | 'card-decisions'
  | 'credential-warnings' | 'webhook-signatures' | 'card-signing-secret' }>;

/** The core stores' files in a data folder, opened once for an export or an import. */
async function openCore(dataDir: DataDir) {
  return {
    cases: await dataDir.collection<Case>(CASE_COLLECTION.name, CASE_COLLECTION.options),
    caseMeta: await dataDir.doc<CaseMeta>(CASE_META, { schemaVersion: 1, counters: {} }),
    decisions: await dataDir.collection<CardDecision>(CARD_DECISIONS_COLLECTION.name, CARD_DECISIONS_COLLECTION.options),
    credentials: await dataDir.doc<CredentialFile>(CREDENTIAL_DOC, { version: 1, warned: {} }),
    signatures: await dataDir.doc<SeenFile>(SEEN_SIGNATURES_DOC, { signatures: {} }),
    conversations: await LowdbConversationStore.open(dataDir),
  };
}

/** Cases (open, then closed in the order they closed), counters, conversations, decisions, warnings, signatures, the secret. */
export async function* exportLowdbCore(dataDir: DataDir): AsyncGenerator<CoreLine> {
  const core = await openCore(dataDir);
  for (const record of core.cases.liveRecords()) yield { section: 'cases', finished: false, record: caseLine(record) };
  for await (const record of core.cases.archived()) yield { section: 'cases', finished: true, record: caseLine(record) };
  for (const [year, last] of Object.entries(core.caseMeta.data.counters)) yield { section: 'case-counters', year: Number(year), last };
  yield { section: 'case-state', lastDigestDay: core.caseMeta.data.lastDigestDay };
  for (const address of await core.conversations.inSaveOrder()) yield { section: 'conversations', address: address as unknown as Extract<CoreLine, { section: 'conversations' }>['address'] };
  for await (const record of core.decisions.archived()) yield { section: 'card-decisions', record };
  for (const [expiresOn, thresholds] of Object.entries(core.credentials.data.warned)) yield { section: 'credential-warnings', expiresOn, thresholds };
  for (const [signature, seen] of Object.entries(core.signatures.data.signatures)) yield { section: 'webhook-signatures', signature, ...seen };
  const secret = dataDir.storedCardSigningSecret;
  if (secret) yield { section: 'card-signing-secret', secret };
}

const caseLine = (item: Case) => asRecord(item) as Extract<CoreLine, { section: 'cases' }>['record'];

/** Writes core lines into a data folder; `held()` names the first core store that holds data already. */
export async function lowdbCoreImport(dataDir: DataDir, batches: ArchiveBatches) {
  const core = await openCore(dataDir);
  const counters: Record<string, number> = {};
  let lastDigestDay: string | undefined;
  return {
    async held(): Promise<string | undefined> {
      if (core.cases.liveCount + core.cases.archivedCount > 0 || Object.keys(core.caseMeta.data.counters).length > 0) return 'cases';
      if ((await core.conversations.inSaveOrder()).length > 0) return 'conversations';
      if (core.decisions.archivedCount > 0) return 'card decisions';
      if (Object.keys(core.credentials.data.warned).length > 0) return 'credential warnings';
      return undefined;
    },
    async write(line: CoreLine): Promise<void> {
      switch (line.section) {
        case 'cases': {
          // As the case store keeps them: open cases live, closed ones in the archive.
          const item = line.record as unknown as Case;
          await (line.finished ? batches.add(core.cases, item) : core.cases.put(item));
          return;
        }
        case 'case-counters': counters[String(line.year)] = line.last; return;
        case 'case-state': lastDigestDay = line.lastDigestDay; return;
        case 'conversations': await core.conversations.save(line.address as unknown as ConversationAddress); return;
        case 'card-decisions': await batches.add(core.decisions, line.record); return;
        case 'credential-warnings': await core.credentials.update((data) => { data.warned[line.expiresOn] = line.thresholds; }); return;
        case 'webhook-signatures':
          await core.signatures.update((data) => { data.signatures[line.signature] = line.key === undefined ? { until: line.until } : { key: line.key, until: line.until }; });
          return;
        case 'card-signing-secret': await dataDir.setCardSigningSecret(line.secret); return;
      }
    },
    async finish(): Promise<void> {
      await core.caseMeta.update((data) => {
        data.counters = counters;
        if (lastDigestDay === undefined) delete data.lastDigestDay;
        else data.lastDigestDay = lastDigestDay;
      });
    },
  };
}

const CORE_SECTIONS = new Set<string>(['cases', 'case-counters', 'case-state', 'conversations', 'card-decisions', 'credential-warnings', 'webhook-signatures', 'card-signing-secret']);
export const isCoreLine = (line: ExportLine): line is CoreLine => CORE_SECTIONS.has(line.section);
