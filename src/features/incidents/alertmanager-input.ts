import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Severity } from './incident.js';
import { describeIssues, type IncidentInput, type Parsed } from './incident-input.js';

const labels = z.record(z.string(), z.string());

const alertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labels.default({}),
  annotations: labels.default({}),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
});

/** Prometheus Alertmanager's webhook payload, version 4. Extra fields are allowed and ignored. */
export const alertmanagerSchema = z.object({
  version: z.literal('4', { message: 'must be "4" (Alertmanager webhook payload version 4)' }),
  groupKey: z.string().min(1).max(1000),
  status: z.enum(['firing', 'resolved']),
  commonLabels: labels.default({}),
  commonAnnotations: labels.default({}),
  alerts: z.array(alertSchema).max(1000).default([]),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerSchema>;

const SEVERITY_MAP: Record<string, Severity> = { critical: 'critical', warning: 'major', info: 'minor' };
const RANK: Record<Severity, number> = { critical: 3, major: 2, minor: 1 };

function validTime(value: string | undefined): string | undefined {
  if (!value || value.startsWith('0001-')) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The worst severity named by the group, `major` when none is given. */
function severityOf(payload: AlertmanagerPayload): Severity {
  const named = [payload.commonLabels.severity, ...payload.alerts.map((alert) => alert.labels.severity)]
    .map((value) => SEVERITY_MAP[(value ?? '').toLowerCase()])
    .filter((value): value is Severity => value !== undefined);
  return named.sort((a, b) => RANK[b] - RANK[a])[0] ?? 'major';
}

/** The group key as the incident's ref; a key longer than a ref may be is hashed, never cut. */
function refOf(groupKey: string): string {
  return groupKey.length <= 200 ? groupKey : `alertmanager:${createHash('sha256').update(groupKey).digest('hex')}`;
}

function systemsOf(payload: AlertmanagerPayload): string[] {
  const named = [payload.commonLabels.system, ...payload.alerts.map((alert) => alert.labels.system)];
  return [...new Set(named.filter((value): value is string => Boolean(value && value.trim())).map((value) => value.trim()))];
}

/**
 * Maps an alert group to an incident input: the group key is the ref, `firing` opens or updates
 * it (as `investigating`; a specialist's later status is kept by the service) and `resolved`
 * resolves it.
 */
export function alertGroupToInput(payload: AlertmanagerPayload): Parsed<IncidentInput> {
  const systems = systemsOf(payload);
  if (systems.length === 0) return { ok: false, reason: 'labels.system: no alert names the affected system (label "system", e.g. SKAIS)' };
  const first = payload.alerts.find((alert) => alert.status === payload.status) ?? payload.alerts[0];
  const summary = payload.commonAnnotations.summary ?? first?.annotations.summary ?? payload.commonLabels.alertname ?? first?.labels.alertname;
  const title = (summary ?? `${systems.join(', ')}: alert`).slice(0, 200);
  const description = (payload.commonAnnotations.description ?? first?.annotations.description ?? title).slice(0, 4000);
  const starts = payload.alerts.map((alert) => validTime(alert.startsAt)).filter((value): value is string => value !== undefined).sort();
  return {
    ok: true,
    value: {
      ref: refOf(payload.groupKey),
      systems,
      severity: severityOf(payload),
      status: payload.status === 'resolved' ? 'resolved' : 'investigating',
      title,
      description,
      startsAt: starts[0],
    },
  };
}

export function parseAlertmanager(body: unknown): Parsed<AlertmanagerPayload> {
  const parsed = alertmanagerSchema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeIssues(parsed.error) };
}
