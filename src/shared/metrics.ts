/**
 * The metrics port. Features and the edge record through `Metrics`; only the exporter in
 * src/http/ knows Prometheus. Every metric is named here, once, so the exporter, the Grafana
 * dashboard and the alert rules in deploy/ cannot drift apart (a test reads all three).
 */

export const COUNTERS = {
  turns: { name: 'tugibot_turns_total', help: 'Turns handled, by kind (command, card, question, handoff, install, other) and outcome (ok, refused, failed).', labels: ['kind', 'outcome'] },
  knowledge: { name: 'tugibot_knowledge_decisions_total', help: 'What the knowledge base decided for a question: answer, suggest, none or small_talk.', labels: ['decision'] },
  sends: { name: 'tugibot_sends_total', help: 'Proactive Bot Connector calls (outbox, channel cards, updates), by operation and outcome (ok, failed).', labels: ['operation', 'outcome'] },
  sendFailures: { name: 'tugibot_send_failures_total', help: 'Failed proactive Bot Connector calls by cause; throttled is HTTP 429.', labels: ['cause'] },
} as const;

export const HISTOGRAMS = {
  http: {
    name: 'tugibot_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labels: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
  turn: {
    name: 'tugibot_turn_duration_seconds',
    help: 'Time from a turn reaching the bot to its last reply, by kind.',
    labels: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
} as const;

/** Gauges are read when Prometheus scrapes, from the stores' own counts: nothing is counted per turn. */
export const GAUGES = {
  ready: { name: 'tugibot_ready', help: '1 when GET /readyz would answer 200 (every feature ready), else 0.' },
  casesOpen: { name: 'tugibot_cases_open', help: 'Cases not yet closed (resolved ones included).' },
  casesOverdue: { name: 'tugibot_cases_overdue', help: 'Cases waiting for the desk past their due time.' },
  accessTasksOpen: { name: 'tugibot_access_tasks_open', help: 'Open access tasks of the specialists.' },
  accessTasksOverdue: { name: 'tugibot_access_tasks_overdue', help: 'Open access tasks past their due day.' },
  outboxDepth: { name: 'tugibot_outbox_depth', help: 'Deliveries waiting in the broadcast outbox (not yet sent, failed or dropped).' },
  credentialExpiry: { name: 'tugibot_credential_expiry_timestamp_seconds', help: "When the bot's client secret or certificate expires (Unix seconds); NaN when the bot cannot tell." },
} as const;

export type CounterKey = keyof typeof COUNTERS;
export type HistogramKey = keyof typeof HISTOGRAMS;
export type GaugeKey = keyof typeof GAUGES;
export type Labels = Readonly<Record<string, string>>;

export interface Metrics {
  /** Adds `by` (1) to a counter. */
  count(counter: CounterKey, labels: Labels, by?: number): void;
  /** Records a duration in seconds. */
  observe(histogram: HistogramKey, seconds: number, labels: Labels): void;
  /** Registers how to read a gauge; it is called on each scrape. */
  gauge(gauge: GaugeKey, read: () => number | Promise<number>): void;
}

/** Metrics switched off: records nothing, costs a function call. */
export const noMetrics: Metrics = {
  count: () => undefined,
  observe: () => undefined,
  gauge: () => undefined,
};

/** Seconds since a `performance.now()` reading. */
export function secondsSince(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}
