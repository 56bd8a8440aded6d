// Shared by the people benchmarks: synthetic people and a data folder that already knows them.
// Also runs on its own (`tsx bench/people-seed.ts DIR COUNT SERVICE_URL`), so that a benchmark can
// seed in another process and measure with a heap that never held the 100,000 seeded people.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversationAddress } from '../src/shared/messaging.js';
import { silentLogger } from '../src/shared/logger.js';
import { DataDir } from '../src/storage/data-dir.js';
import { LowdbConversationStore } from '../src/storage/lowdb-conversation-store.js';
import { BOT, TENANT, personalConversationId, type Person } from '../test/support/activities.js';

/** Person number n, with an Entra id of the usual shape. */
export function person(n: number, prefix = 'd'): Person {
  return { aadObjectId: `${prefix.repeat(8)}-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Inimene ${n}` };
}

function addressOf(someone: Person, serviceUrl: string): ConversationAddress {
  return {
    channel: 'msteams', serviceUrl, tenantId: TENANT, conversationId: personalConversationId(someone), kind: 'personal',
    user: { teamsId: `29:${someone.aadObjectId}`, aadObjectId: someone.aadObjectId, name: someone.name }, bot: BOT, locale: 'et-EE',
  };
}

/**
 * Gives the data folder `count` known people: written as the single conversations.json of earlier
 * versions and imported by opening the store once (the upgrade path), so seeding 100,000 takes
 * seconds, not the minutes of 100,000 turns.
 */
export async function seedPeople(dataDir: string, count: number, serviceUrl: string): Promise<void> {
  if (count === 0) return;
  const conversations: Record<string, { address: ConversationAddress; updatedAt: string }> = {};
  for (let n = 0; n < count; n += 1) {
    const address = addressOf(person(n, 'e'), serviceUrl);
    conversations[address.conversationId] = { address, updatedAt: '2026-01-01T00:00:00.000Z' };
  }
  writeFileSync(join(dataDir, 'conversations.json'), JSON.stringify({ conversations }));
  const data = await DataDir.open(dataDir, silentLogger());
  const store = await LowdbConversationStore.open(data);
  if (!(await store.personalFor(person(count - 1, 'e').aadObjectId))) throw new Error('seeding failed');
  await data.close();
}

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Seeds in a child process (see above). */
export function seedPeopleApart(dataDir: string, count: number, serviceUrl: string): void {
  if (count === 0) return;
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/people-seed.ts', dataDir, String(count), serviceUrl], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`seeding ${count} people failed`);
}

if (process.argv[1]?.endsWith('people-seed.ts') && process.argv.length >= 5) {
  await seedPeople(process.argv[2], Number(process.argv[3]), process.argv[4]);
}
