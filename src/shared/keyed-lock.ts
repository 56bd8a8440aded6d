/**
 * Runs work for one key at a time, in arrival order; different keys run side by side. Every
 * feature decides under it (load, decide, save of one case, request, task or incident intake),
 * so two buttons pressed together are decided one after the other and the second sees the first's
 * result. One instance is shared by the whole app: keys are namespaced by feature
 * (`case:TUGI-2026-00001`, `access:task:LIG-2026-00001/1`, `incidents:intake`).
 *
 * Not re-entrant: work under a key must not wait for the same key again.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Keys with work queued or running (for tests and health checks). */
  get size(): number {
    return this.tails.size;
  }
}
