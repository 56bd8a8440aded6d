import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { COUNTERS, GAUGES, HISTOGRAMS, type CounterKey, type GaugeKey, type HistogramKey, type Labels, type Metrics } from '../shared/metrics.js';

/**
 * The `Metrics` port with prom-client: the catalogue's counters and histograms, gauges read on
 * scrape, and Node's process metrics (CPU, memory, event loop lag, GC). One registry per app, so
 * two apps in one process (tests) do not share figures.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<CounterKey, Counter>();
  private readonly histograms = new Map<HistogramKey, Histogram>();
  private readonly gauges = new Set<GaugeKey>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    for (const [key, spec] of Object.entries(COUNTERS) as [CounterKey, (typeof COUNTERS)[CounterKey]][]) {
      this.counters.set(key, new Counter({ name: spec.name, help: spec.help, labelNames: [...spec.labels], registers: [this.registry] }));
    }
    for (const [key, spec] of Object.entries(HISTOGRAMS) as [HistogramKey, (typeof HISTOGRAMS)[HistogramKey]][]) {
      this.histograms.set(key, new Histogram({ name: spec.name, help: spec.help, labelNames: [...spec.labels], buckets: [...spec.buckets], registers: [this.registry] }));
    }
  }

  count(counter: CounterKey, labels: Labels, by = 1): void {
    this.counters.get(counter)?.inc(labels, by);
  }

  observe(histogram: HistogramKey, seconds: number, labels: Labels): void {
    this.histograms.get(histogram)?.observe(labels, seconds);
  }

  gauge(key: GaugeKey, read: () => number | Promise<number>): void {
    if (this.gauges.has(key)) throw new Error(`Gauge ${key} is registered twice.`);
    this.gauges.add(key);
    const spec = GAUGES[key];
    new Gauge({
      name: spec.name,
      help: spec.help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** The text exposition format and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
