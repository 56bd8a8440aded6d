import { KeyedLock } from '../../../src/shared/keyed-lock.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  it('runs work for one key one at a time, in arrival order, and keeps going after a failure', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const step = (name: string, fail = false) => lock.run('k', async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
      if (fail) throw new Error(name);
      return name;
    });
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')]);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(lock.size).toBe(0);
  });

  it('lets different keys run side by side', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const step = (key: string) => lock.run(key, async () => { log.push(`${key}:start`); await tick(); log.push(`${key}:end`); });
    await Promise.all([step('x'), step('y')]);
    expect(log.slice(0, 2)).toEqual(['x:start', 'y:start']);
  });
});
