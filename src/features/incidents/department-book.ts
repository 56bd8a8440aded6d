import type { Directory } from '../../shared/directory.js';
import type { Logger } from '../../shared/logger.js';

/** Lookups in flight at once: the directory is Microsoft Graph in production. */
const CONCURRENCY = 4;

/**
 * People's departments from the directory, looked up once per person in the background and kept
 * in memory, so a report over 10,000 people never waits for Graph: who is not known yet counts as
 * "unknown" until the lookup returns, and `learned` is called so the report can be redrawn.
 */
export class DepartmentBook {
  private readonly known = new Map<string, string>();
  private readonly queued = new Set<string>();
  private readonly waiting: string[] = [];
  private running = 0;

  constructor(private readonly deps: { directory: Directory; logger: Logger; learned?: () => void }) {}

  /** The department when known ('' for none); undefined while the lookup is pending. */
  of(aadObjectId: string): string | undefined {
    const id = aadObjectId.toLowerCase();
    const known = this.known.get(id);
    if (known !== undefined) return known;
    if (!this.queued.has(id)) {
      this.queued.add(id);
      this.waiting.push(id);
      this.pump();
    }
    return undefined;
  }

  /** Looks one person up now (for a report file). */
  async lookup(aadObjectId: string): Promise<string> {
    const id = aadObjectId.toLowerCase();
    const known = this.known.get(id);
    if (known !== undefined) return known;
    await this.fetch(id);
    return this.known.get(id) ?? '';
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.waiting.length > 0) {
      const id = this.waiting.shift() as string;
      this.running += 1;
      void this.fetch(id).finally(() => {
        this.running -= 1;
        if (this.waiting.length === 0 && this.running === 0) this.deps.learned?.();
        this.pump();
      });
    }
  }

  private async fetch(id: string): Promise<void> {
    try {
      const person = await this.deps.directory.find(id);
      this.known.set(id, person?.department?.trim() ?? '');
    } catch (error) {
      // Unknown for now; asked again on a later report.
      this.queued.delete(id);
      this.deps.logger.debug({ err: error }, 'department lookup failed');
    }
  }
}
