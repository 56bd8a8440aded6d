// A child process for the crash test: writes in a loop and prints "ack N" after each write has
// been acknowledged (its promise resolved). The test kills it with SIGKILL mid-loop.
import { DataDir } from '../../src/storage/data-dir.js';
import { silentLogger } from '../../src/shared/logger.js';

interface Entry { id: string; n: number; text: string }

const dir = process.argv[2];
const dataDir = await DataDir.open(dir, silentLogger());
const audit = await dataDir.collection<Entry>('audit', { segmentSize: 50 });
const cases = await dataDir.collection<Entry>('cases', { shards: 4, segmentSize: 50 });
for (let n = 0; ; n += 1) {
  const id = `e-${n}`;
  await audit.append({ id, n, text: 'x'.repeat(200) });
  await cases.put({ id, n, text: 'open' });
  if (n % 3 === 0) await cases.archive({ id, n, text: 'closed' });
  process.stdout.write(`ack ${n}\n`);
}
