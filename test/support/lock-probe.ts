// A second process that tries to open a data folder another process owns; prints what happened.
// With "hold" it keeps the folder open (printing "opened <pid>") until it is killed.
import { DataDir } from '../../src/storage/data-dir.js';
import { silentLogger } from '../../src/shared/logger.js';

try {
  const dataDir = await DataDir.open(process.argv[2], silentLogger());
  process.stdout.write(`opened ${process.pid}\n`);
  if (process.argv[3] === 'hold') setInterval(() => undefined, 60_000);
  else await dataDir.close();
} catch (error) {
  process.stdout.write(`${(error as Error).name}: ${(error as Error).message}\n`);
}
