import type { Clock } from './clock.js';
import type { FeatureHandle } from './feature.js';
import type { Logger } from './logger.js';

/**
 * Runs the features' periodic work (due times, reminders, the delivery outbox) one tick at a time:
 * a slow tick delays the next instead of overlapping it.
 */
export class Scheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly features: FeatureHandle[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    const loop = async () => {
      await this.tick();
      if (this.timer) this.timer = setTimeout(loop, this.intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops the loop and waits for a tick that is running. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over every feature; errors are logged and do not stop the others. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      const now = this.clock.now();
      for (const feature of this.features) {
        if (!feature.tick) continue;
        try {
          await feature.tick(now);
        } catch (error) {
          this.logger.error({ err: error, feature: feature.name }, 'periodic work failed');
        }
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }
}
