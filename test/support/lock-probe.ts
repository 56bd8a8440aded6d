// A second process that tries to open a data folder another process owns; prints what happened.
import { DataDir } from '../../src/storage/data-dir.js';
import { silentLogger } from '../../src/shared/logger.js';

try {
  const dataDir = await DataDir.open(process.argv[2], silentLogger());
  process.stdout.write('opened\n');
  await dataDir.close();
} catch (error) {
  process.stdout.write(`${(error as Error).name}: ${(error as Error).message}\n`);
}
