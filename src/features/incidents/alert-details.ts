import type { AlertDetails, Severity } from './incident.js';
import type { IncidentInput } from './incident-input.js';
import type { AlertmanagerPayload } from './alertmanager-input.js';

/** Labels that name a machine: shown to the desk as hosts, never to users. */
const HOST_LABELS = ['instance', 'host', 'hostname', 'node', 'server', 'pod'];

const hostsOf = (labelSets: Array<Record<string, string>>): string[] =>
  [...new Set(labelSets.flatMap((labels) => HOST_LABELS.map((key) => labels[key]).filter((value): value is string => Boolean(value))))].slice(0, 20);

/** Alertmanager's group as the desk sees it: common and per-alert labels, annotations and hosts. */
export function alertmanagerDetails(payload: AlertmanagerPayload, input: IncidentInput, receivedAt: Date): AlertDetails {
  const labels = { ...payload.commonLabels };
  const annotations = { ...payload.commonAnnotations };
  for (const alert of payload.alerts.slice(0, 20)) {
    for (const [key, value] of Object.entries(alert.labels)) labels[key] ??= value;
    for (const [key, value] of Object.entries(alert.annotations)) annotations[key] ??= value;
  }
  return {
    source: 'alertmanager',
    status: payload.status,
    severity: input.severity,
    summary: input.title,
    description: input.description,
    labels,
    annotations,
    hosts: hostsOf([payload.commonLabels, ...payload.alerts.map((alert) => alert.labels)]),
    startsAt: input.startsAt,
    receivedAt: receivedAt.toISOString(),
  };
}

/** The signed webhook's incident as the desk sees it: its own title and description are the raw alert. */
export function webhookDetails(input: IncidentInput, receivedAt: Date): AlertDetails {
  return {
    source: 'webhook',
    status: input.status,
    severity: input.severity as Severity,
    summary: input.title,
    description: input.description,
    labels: { systems: input.systems.join(', '), ...(input.ref ? { ref: input.ref } : {}) },
    annotations: {},
    hosts: [],
    startsAt: input.startsAt,
    receivedAt: receivedAt.toISOString(),
  };
}

/** True when the desk would see something new: everything but the time it arrived. */
export function alertChanged(before: AlertDetails | undefined, after: AlertDetails): boolean {
  if (!before) return true;
  const { receivedAt: _a, ...left } = before;
  const { receivedAt: _b, ...right } = after;
  return JSON.stringify(left) !== JSON.stringify(right);
}
