import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Severity } from './incident.js';
import { describeIssues, parseIncidentInput, type IncidentInput, type Parsed } from './incident-input.js';

/** Bounds of one payload: Alertmanager's `max_alerts` should be at most MAX_ALERTS. */
export const MAX_ALERTS = 100;
const MAX_LABELS = 64;

/** Labels or annotations: at most 64, names up to 128 characters, values up to 4,000. */
const labels = z
  .record(z.string().max(128, 'label names must be at most 128 characters'), z.string().max(4000, 'must be at most 4000 characters'))
  .refine((value) => Object.keys(value).length <= MAX_LABELS, `must have at most ${MAX_LABELS} entries`);

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
  alerts: z.array(alertSchema).max(MAX_ALERTS, `must hold at most ${MAX_ALERTS} alerts (set max_alerts: ${MAX_ALERTS} in the webhook config)`).default([]),
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
 * resolves it. The result passes the webhook's own schema, so both doors share every bound (at
 * most 20 systems of 60 characters, title and text lengths).
 */
export function alertGroupToInput(payload: AlertmanagerPayload): Parsed<IncidentInput> {
  const systems = systemsOf(payload);
  if (systems.length === 0) return { ok: false, reason: 'labels.system: no alert names the affected system (label "system", e.g. SKAIS)' };
  const first = payload.alerts.find((alert) => alert.status === payload.status) ?? payload.alerts[0];
  const summary = [payload.commonAnnotations.summary, first?.annotations.summary, payload.commonLabels.alertname, first?.labels.alertname].find((value) => value?.trim());
  const title = (summary ?? `${systems.slice(0, 3).join(', ')}: alert`).trim().slice(0, 200);
  const description = ([payload.commonAnnotations.description, first?.annotations.description].find((value) => value?.trim()) ?? title).trim().slice(0, 4000);
  const starts = payload.alerts.map((alert) => validTime(alert.startsAt)).filter((value): value is string => value !== undefined).sort();
  const input = parseIncidentInput({
    ref: refOf(payload.groupKey),
    systems,
    severity: severityOf(payload),
    status: payload.status === 'resolved' ? 'resolved' : 'investigating',
    title,
    description,
    ...(starts[0] ? { startsAt: starts[0] } : {}),
  });
  return input.ok ? input : { ok: false, reason: input.reason.replace(/^systems/, 'labels.system (the systems named)') };
}

export function parseAlertmanager(body: unknown): Parsed<AlertmanagerPayload> {
  const parsed = alertmanagerSchema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeIssues(parsed.error) };
}
